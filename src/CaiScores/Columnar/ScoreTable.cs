using CaiScores.Ingest;
using CaiScores.Models;

namespace CaiScores.Columnar;

/// <summary>
/// The scores of one Customer AI instance as an immutable columnar table on Apache Arrow buffers: a dense person index,
/// runs ordered by score date, a column per field per run with a slot for every person, influential factors exploded with
/// dictionary-encoded codes and values, and person attributes for cohorts. This is what every analysis runs on.
/// </summary>
/// <remarks>
/// <para>Person <c>p</c> of run <c>r</c> is <c>Runs[r].Scores[p]</c>: following a person across runs is an array lookup, never
/// a join. Persons are numbered in order of first appearance in the input; <see cref="Persons"/> maps ids to indexes.</para>
/// <para>Values are kept exactly as normalised (see <see cref="ScoreNormalizer"/>): doubles for score and probability, so a
/// bucket decided on the table equals the one decided on the source value. Timestamps are kept to the microsecond.</para>
/// <para>Build one with <see cref="ScoreTableBuilder"/>, <see cref="FromScores"/> or <see cref="LoadJson(IEnumerable{string}, CaiScoresOptions?)"/>,
/// from Parquet with the CaiScores.Parquet package, or from Arrow IPC with <see cref="Ipc.ScoreTableArrow"/>. Thread-safe for reading.</para>
/// </remarks>
public sealed class ScoreTable
{
    private readonly ScoreRun[] _runs;

    internal ScoreTable(
        string tenantId,
        string instanceKey,
        StringDictionary persons,
        ScoreRun[] runs,
        StringDictionary factorCodes,
        StringDictionary factorValues,
        PersonAttributes attributes,
        ScoreTableDiagnostics diagnostics)
    {
        TenantId = tenantId;
        InstanceKey = instanceKey;
        Persons = persons;
        _runs = runs;
        FactorCodes = factorCodes;
        FactorValues = factorValues;
        Attributes = attributes;
        Diagnostics = diagnostics;
    }

    /// <summary>The XDM tenant id, without its leading underscore.</summary>
    public string TenantId { get; }

    /// <summary>
    /// The identity namespaces the person ids were taken from (<c>ECID</c>, <c>Email</c>, …), ordinal order; empty when
    /// the source did not say (scores built in code without <see cref="Models.ScoreRecord.IdentityNamespace"/>).
    /// </summary>
    /// <remarks>
    /// With <c>CaiScoresOptions.IdentityNamespace</c> set it is that namespace alone. With CJA's "Use Primary ID Namespace"
    /// each person keeps the namespace of the first record that gave their id; AEP asks one namespace of all of an
    /// instance's input, so more than one here is worth a look (see <see cref="GetIdentityNamespace"/>).
    /// </remarks>
    public IReadOnlyList<string> IdentityNamespaces => [.. PersonNamespaces.Names.Order(StringComparer.Ordinal)];

    internal PersonNamespaces PersonNamespaces { get; init; } = PersonNamespaces.None;

    /// <summary>The Customer AI instance key.</summary>
    public string InstanceKey { get; }

    /// <summary>The instance's XDM path, <c>_&lt;tenant&gt;.CustomerAI.&lt;instance&gt;</c>.</summary>
    public string InstancePath => $"_{TenantId}.CustomerAI.{InstanceKey}";

    /// <summary>The propensity type of the latest run that has one (<c>conversion</c>, <c>churn</c>, …), or null.</summary>
    public string? ModelType => _runs.LastOrDefault(r => r.ModelType is not null)?.ModelType;

    /// <summary>The person index: person id ↔ dense index 0…<c>Persons.Count</c>−1.</summary>
    public StringDictionary Persons { get; }

    /// <summary>The scoring runs, ascending by score date.</summary>
    public IReadOnlyList<ScoreRun> Runs => _runs;

    /// <summary>The influential factor codes; ids in <see cref="ScoreRun.FactorCodes"/> point here.</summary>
    public StringDictionary FactorCodes { get; }

    /// <summary>The influential factor values; ids in <see cref="ScoreRun.FactorValues"/> point here.</summary>
    public StringDictionary FactorValues { get; }

    /// <summary>Person attributes for cohorts and segments (none until <see cref="WithAttributes"/>).</summary>
    public PersonAttributes Attributes { get; }

    /// <summary>What the table was built from, what was dropped, and its shape.</summary>
    public ScoreTableDiagnostics Diagnostics { get; }

    /// <summary>Score rows (persons scored, summed over runs).</summary>
    public long ScoreRowCount => Diagnostics.ScoreRows;

    /// <summary>Bytes held by the score columns of every run plus the person index (factors and attributes excluded).</summary>
    public long ScoreBytes => Persons.ResidentBytes + _runs.Sum(r => r.ScoreBytes);

    /// <summary>Bytes held by the factor columns of every run plus the code and value dictionaries.</summary>
    public long FactorBytes => FactorCodes.ResidentBytes + FactorValues.ResidentBytes + _runs.Sum(r => r.FactorBytes);

    /// <summary>The identity namespace a person's id was taken from, or null when the source did not say.</summary>
    /// <param name="person">The person index.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is not a person of the table.</exception>
    public string? GetIdentityNamespace(int person)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(person);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(person, Persons.Count);
        return PersonNamespaces.Of(person);
    }

    /// <summary>The index of the run with this score date, or −1.</summary>
    /// <param name="scoreDate">The score date.</param>
    public int IndexOfRun(DateOnly scoreDate)
    {
        var lo = 0;
        var hi = _runs.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = _runs[mid].ScoreDate.CompareTo(scoreDate);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    /// <summary>The run with this score date.</summary>
    /// <param name="scoreDate">The score date.</param>
    /// <exception cref="KeyNotFoundException">No run has that date; the message lists the runs.</exception>
    public ScoreRun GetRun(DateOnly scoreDate)
    {
        var index = IndexOfRun(scoreDate);
        return index >= 0
            ? _runs[index]
            : throw new KeyNotFoundException($"No run on {scoreDate:yyyy-MM-dd} in {InstancePath}; its runs are {string.Join(", ", _runs.Select(r => r.ScoreDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))}.");
    }

    /// <summary>
    /// A table with these person attributes joined by person id (replacing any attributes it had); rows for persons not in
    /// the table are counted in <see cref="ScoreTableDiagnostics.Attributes"/> and ignored. The score columns are shared, not copied.
    /// </summary>
    /// <param name="attributes">The attribute rows (see <see cref="AttributeReader"/> for JSON Lines and CSV files).</param>
    /// <returns>The new table.</returns>
    public ScoreTable WithAttributes(IEnumerable<PersonAttributeRecord> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var (joined, diagnostics) = AttributeJoin.Join(this, attributes);
        return new ScoreTable(TenantId, InstanceKey, Persons, _runs, FactorCodes, FactorValues, joined, Diagnostics with { Attributes = diagnostics })
        {
            PersonNamespaces = PersonNamespaces,
        };
    }

    /// <summary>Builds tables from normalised scores (e.g. <see cref="CaiJsonReader.ReadScores"/>), one per instance.</summary>
    /// <param name="scores">The scores.</param>
    /// <param name="options">The settings (duplicates policy); default <see langword="null"/> means <c>new CaiScoresOptions()</c>.</param>
    /// <returns>The tables.</returns>
    public static ScoreTableCollection FromScores(IEnumerable<ScoreRecord> scores, CaiScoresOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var builder = new ScoreTableBuilder(options);
        foreach (var score in scores)
        {
            builder.Add(score);
        }

        return builder.Build();
    }

    /// <summary>Reads JSON files or folders (JSON Lines or arrays of AEP XDM records) into tables, one per instance.</summary>
    /// <param name="paths">Files, or folders whose <c>*.json</c>, <c>*.jsonl</c> and <c>*.ndjson</c> files are read.</param>
    /// <param name="options">The settings; default <see langword="null"/> means <c>new CaiScoresOptions()</c>.</param>
    /// <returns>The tables, with the diagnostics of the whole load.</returns>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    /// <exception cref="CaiIngestException">Invalid input under <see cref="InvalidRecordPolicy.Throw"/>.</exception>
    public static ScoreTableCollection LoadJson(IEnumerable<string> paths, CaiScoresOptions? options = null)
    {
        var builder = new ScoreTableBuilder(options);
        builder.AddJson(paths);
        return builder.Build();
    }

    /// <summary>Reads one JSON file or folder into tables.</summary>
    /// <param name="path">A file or folder.</param>
    /// <param name="options">The settings.</param>
    /// <returns>The tables.</returns>
    public static ScoreTableCollection LoadJson(string path, CaiScoresOptions? options = null) => LoadJson([path], options);

    /// <summary>Reads JSON files or folders into tables asynchronously.</summary>
    /// <param name="paths">Files or folders.</param>
    /// <param name="options">The settings.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The tables.</returns>
    public static async Task<ScoreTableCollection> LoadJsonAsync(IEnumerable<string> paths, CaiScoresOptions? options = null, CancellationToken cancellationToken = default)
    {
        var builder = new ScoreTableBuilder(options);
        await builder.AddJsonAsync(paths, cancellationToken).ConfigureAwait(false);
        return builder.Build();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{InstancePath}: {Persons.Count:N0} persons × {_runs.Length} runs, {ScoreRowCount:N0} scores";

    internal ScoreTable With(PersonAttributes attributes, ScoreTableDiagnostics diagnostics) =>
        new(TenantId, InstanceKey, Persons, _runs, FactorCodes, FactorValues, attributes, diagnostics);
}
