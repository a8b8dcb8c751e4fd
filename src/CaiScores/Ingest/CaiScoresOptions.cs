using System.Globalization;

namespace CaiScores.Ingest;

/// <summary>
/// Settings shared by the readers and the analyses. Each property documents its default; <see cref="Validate"/> reports every
/// problem at once.
/// </summary>
/// <remarks>
/// Readers copy the settings when they are created, so changing an instance afterwards does not affect a reader already open.
/// With dependency injection, configure it through <see cref="CaiScoresServiceCollectionExtensions.AddCaiScores"/>.
/// </remarks>
public sealed class CaiScoresOptions
{
    /// <summary>The smallest allowed <see cref="MaxRecordBytes"/> (1 KiB).</summary>
    public const int MinRecordBytes = 1024;

    /// <summary>The largest allowed <see cref="MaxRecordBytes"/> (1 GiB).</summary>
    public const int MaxRecordBytesLimit = 1 << 30;

    /// <summary>
    /// The tenant to read, without or with its leading underscore (<c>acme</c> or <c>_acme</c>).
    /// </summary>
    /// <value>Default <see langword="null"/>: every top-level <c>_&lt;tenant&gt;</c> object holding <c>CustomerAI</c> is read.</value>
    public string? TenantId { get; set; }

    /// <summary>The instance keys to read under <c>CustomerAI</c>; other instances are skipped and counted.</summary>
    /// <value>Default empty: every instance is read.</value>
    public IList<string> InstanceKeys { get; } = new List<string>();

    /// <summary>
    /// The identity namespace that gives the person id (CJA's "specific namespace" option): the first id under that
    /// namespace is used and records without one are dropped.
    /// </summary>
    /// <value>
    /// Default <see langword="null"/>: CJA's "Use Primary ID Namespace". A single identity is used as is; otherwise the
    /// primary ones are taken, namespaces sorted ordinally, and the first namespace's first primary id wins; a record with
    /// several identities and none primary is dropped.
    /// </value>
    public string? IdentityNamespace { get; set; }

    /// <summary>What to do with out-of-range, NaN or infinite values.</summary>
    /// <value>Default <see cref="OutOfRangePolicy.Keep"/>.</value>
    public OutOfRangePolicy OutOfRange { get; set; } = OutOfRangePolicy.Keep;

    /// <summary>Which record survives when a person has several for the same instance and run.</summary>
    /// <value>Default <see cref="DuplicatePolicy.LastWins"/>.</value>
    public DuplicatePolicy Duplicates { get; set; } = DuplicatePolicy.LastWins;

    /// <summary>What to do with a record that cannot be read faithfully.</summary>
    /// <value>Default <see cref="InvalidRecordPolicy.Throw"/>.</value>
    public InvalidRecordPolicy InvalidRecords { get; set; } = InvalidRecordPolicy.Throw;

    /// <summary>The JSON layout.</summary>
    /// <value>Default <see cref="JsonInputFormat.Auto"/>.</value>
    public JsonInputFormat JsonFormat { get; set; } = JsonInputFormat.Auto;

    /// <summary>
    /// The largest single JSON record accepted, in bytes; a longer one is invalid (see <see cref="InvalidRecords"/>). This
    /// bounds the reader's memory: it never buffers more than about this much.
    /// </summary>
    /// <value>Default 16 MiB; from <see cref="MinRecordBytes"/> to <see cref="MaxRecordBytesLimit"/>.</value>
    public int MaxRecordBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The deepest JSON nesting accepted; deeper input is invalid.</summary>
    /// <value>Default 64; from 8 to 1,000.</value>
    public int MaxDepth { get; set; } = 64;

    /// <summary>How many rejected records are described in <see cref="IngestDiagnostics.Rejections"/> (all are counted).</summary>
    /// <value>Default 100; from 0 to 100,000.</value>
    public int MaxRejectionSamples { get; set; } = 100;

    /// <summary>Checks every setting and throws one exception that lists every problem.</summary>
    /// <exception cref="ArgumentException">One or more settings are invalid; the message names each one.</exception>
    public void Validate()
    {
        var errors = GetValidationErrors();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid CaiScoresOptions: " + string.Join("; ", errors) + ".");
        }
    }

    internal List<string> GetValidationErrors()
    {
        var errors = new List<string>();
        if (TenantId is not null && (TenantId is "" or "_" || TenantId.Any(char.IsWhiteSpace)))
        {
            errors.Add($"TenantId '{TenantId}' must be a tenant id such as 'acme' (no spaces)");
        }

        for (var i = 0; i < InstanceKeys.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(InstanceKeys[i]))
            {
                errors.Add($"InstanceKeys[{i}] is empty");
            }
        }

        if (IdentityNamespace is not null && string.IsNullOrWhiteSpace(IdentityNamespace))
        {
            errors.Add("IdentityNamespace must be null (primary namespace) or a namespace code such as 'ECID'");
        }

        CheckEnum(OutOfRange, nameof(OutOfRange), errors);
        CheckEnum(Duplicates, nameof(Duplicates), errors);
        CheckEnum(InvalidRecords, nameof(InvalidRecords), errors);
        CheckEnum(JsonFormat, nameof(JsonFormat), errors);
        CheckRange(MaxRecordBytes, MinRecordBytes, MaxRecordBytesLimit, nameof(MaxRecordBytes), errors);
        CheckRange(MaxDepth, 8, 1000, nameof(MaxDepth), errors);
        CheckRange(MaxRejectionSamples, 0, 100_000, nameof(MaxRejectionSamples), errors);
        return errors;
    }

    /// <summary>A copy of these settings, with its own <see cref="InstanceKeys"/> list.</summary>
    /// <returns>A new instance with the same values.</returns>
    public CaiScoresOptions Clone()
    {
        var copy = new CaiScoresOptions
        {
            TenantId = TenantId,
            IdentityNamespace = IdentityNamespace,
            OutOfRange = OutOfRange,
            Duplicates = Duplicates,
            InvalidRecords = InvalidRecords,
            JsonFormat = JsonFormat,
            MaxRecordBytes = MaxRecordBytes,
            MaxDepth = MaxDepth,
            MaxRejectionSamples = MaxRejectionSamples,
        };
        foreach (var key in InstanceKeys)
        {
            copy.InstanceKeys.Add(key);
        }

        return copy;
    }

    private static void CheckEnum<T>(T value, string name, List<string> errors)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            errors.Add($"{name} has the undefined value {Convert.ToInt32(value, CultureInfo.InvariantCulture)}");
        }
    }

    private static void CheckRange(int value, int min, int max, string name, List<string> errors)
    {
        if (value < min || value > max)
        {
            errors.Add($"{name} is {value.ToString(CultureInfo.InvariantCulture)} but must be from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        }
    }
}
