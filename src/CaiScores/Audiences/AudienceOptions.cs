using CaiScores.Bucketing;

namespace CaiScores.Audiences;

/// <summary>Columns an audience file may carry after the identity column, each from <see cref="AudienceOptions.Run"/>.</summary>
[Flags]
public enum AudienceColumns
{
    /// <summary>The identity column only: what an AEP audience upload needs.</summary>
    None = 0,

    /// <summary><c>score</c> (0–100).</summary>
    Score = 1,

    /// <summary><c>probability</c> (0–1).</summary>
    Probability = 2,

    /// <summary><c>percentileScore</c> (1–100).</summary>
    PercentileScore = 4,

    /// <summary><c>bucket</c>: the person's bucket of <see cref="AudienceOptions.Scheme"/>.</summary>
    Bucket = 8,
}

/// <summary>Settings of an audience export (<see cref="AudienceExport"/>).</summary>
public sealed class AudienceOptions
{
    /// <summary>The audience's name, used in messages, the report and file names.</summary>
    /// <value>Default <see langword="null"/>: the segment's description.</value>
    public string? Name { get; init; }

    /// <summary>The run the bucket breakdown and the extra columns are taken from.</summary>
    /// <value>Default <see langword="null"/>: the table's last run.</value>
    public DateOnly? Run { get; init; }

    /// <summary>The bucket scheme of the breakdown and of the <c>bucket</c> column.</summary>
    /// <value>Default <see cref="BucketScheme.Cai"/> (High / Medium / Low on the score).</value>
    public BucketScheme Scheme { get; init; } = BucketScheme.Cai;

    /// <summary>The columns written after the identity column.</summary>
    /// <value>Default <see cref="AudienceColumns.None"/>: ids only.</value>
    public AudienceColumns Columns { get; init; }

    /// <summary>
    /// The namespace to write: a file holds the persons of this namespace, and persons whose namespace the table does not
    /// know are taken to be of it.
    /// </summary>
    /// <value>
    /// Default <see langword="null"/>: the audience's one namespace. An audience whose persons come from several namespaces
    /// (or from none the table knows) cannot go to one file without it; see <see cref="AudienceExport.WriteCsvFiles"/>.
    /// </value>
    public string? IdentityNamespace { get; init; }

    internal void Validate()
    {
        var errors = new List<string>();
        if (Name is not null && string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("Name must be null (the segment's description) or a non-blank name");
        }

        if (Scheme is null)
        {
            errors.Add("Scheme must not be null");
        }

        if ((Columns & ~(AudienceColumns.Score | AudienceColumns.Probability | AudienceColumns.PercentileScore | AudienceColumns.Bucket)) != 0)
        {
            errors.Add($"Columns holds an unknown flag ({(int)Columns})");
        }

        if (IdentityNamespace is not null && string.IsNullOrWhiteSpace(IdentityNamespace))
        {
            errors.Add("IdentityNamespace must be null (the audience's own namespace) or a namespace code such as 'ECID'");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid AudienceOptions: " + string.Join("; ", errors) + ".", "options");
        }
    }
}
