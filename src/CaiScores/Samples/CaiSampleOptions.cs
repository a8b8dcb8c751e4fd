namespace CaiScores.Samples;

/// <summary>Shape of the synthetic Customer AI output made by <see cref="CaiSampleData"/>: one population of persons, their
/// scores, attributes and conversions.</summary>
/// <remarks>Immutable (<c>init</c> properties); validated when used.</remarks>
public sealed record CaiSampleOptions
{
    /// <summary>Number of persons. Default 1,000; at least 1.</summary>
    public int Persons { get; init; } = 1_000;

    /// <summary>Number of scoring runs. Default 8; at least 1.</summary>
    public int Runs { get; init; } = 8;

    /// <summary>The first score date. Default 2026-01-04 (a Sunday).</summary>
    public DateOnly FirstRun { get; init; } = new(2026, 1, 4);

    /// <summary>Days between runs. Default 7 (weekly scoring); at least 1.</summary>
    public int DaysBetweenRuns { get; init; } = 7;

    /// <summary>The tenant id, without underscore. Default <c>acme</c>.</summary>
    public string TenantId { get; init; } = "acme";

    /// <summary>The instance key. Default <c>PurchasePropensityWebsite</c>.</summary>
    public string InstanceKey { get; init; } = "PurchasePropensityWebsite";

    /// <summary>The propensity type. Default <c>conversion</c>.</summary>
    public string ModelType { get; init; } = "conversion";

    /// <summary>
    /// Whether to write the Experience Event format (a <c>timestamp</c> per record, every run) or the profile format (no
    /// timestamp). Default <see langword="true"/>.
    /// </summary>
    public bool ExperienceEvents { get; init; } = true;

    /// <summary>Share of persons missing from any one run (not yet eligible or lapsed). Default 0.1; from 0 to 1.</summary>
    public double MissingRate { get; init; } = 0.1;

    /// <summary>Influential factors per record. Default 5; from 0 to 20.</summary>
    public int FactorsPerRecord { get; init; } = 5;

    /// <summary>
    /// How long after a run a conversion of <see cref="CaiSampleData.Outcomes"/> can happen, in days (the outcome window the
    /// demo's model predicts). Default 7; at least 1.
    /// </summary>
    public int ConversionWindowDays { get; init; } = 7;

    /// <summary>
    /// Whether influential factors follow the propensity, as a real model's do: each factor code leans towards high or low
    /// scores (recent add-to-cart, purchases and checkout visits towards High; days since the last visit or e-mail click
    /// towards Low), so a factor is much more frequent in one bucket than in another. Default <see langword="false"/>: every
    /// person gets an evenly spread set of codes (the documentation's pinned samples). The demo sets it.
    /// </summary>
    public bool FactorsFollowPropensity { get; init; }

    /// <summary>
    /// Whether presence follows a life cycle instead of <see cref="MissingRate"/> at random: a quarter of the persons
    /// join after the first run (newcomers, one run at a time), an active person lapses each run with a chance that is
    /// higher for low propensities and in their first two runs, a lapsed one comes back now and then, and an active one
    /// misses a run with half of <see cref="MissingRate"/>. Retention then differs by cohort and falls with the offset.
    /// Every person is scored in at least one run. Default <see langword="false"/>. The demo sets it.
    /// </summary>
    public bool VaryingRetention { get; init; }

    /// <summary>The random seed: the same options give the same records. Default 42.</summary>
    public int Seed { get; init; } = 42;
}
