namespace CaiScores.Models;

/// <summary>
/// The weight Customer AI gives an influential factor (<c>influentialFactors[].importance</c>).
/// </summary>
/// <remarks>
/// Customer AI documents three levels: low, medium and high. Readers parse them case-insensitively; any other text, and a
/// missing value, becomes <see cref="Unspecified"/> and is counted in <see cref="Ingest.IngestDiagnostics.UnknownImportance"/>
/// (an absent value is not counted).
/// </remarks>
public enum Importance
{
    /// <summary>No importance given, or a value other than low, medium or high.</summary>
    Unspecified = 0,

    /// <summary><c>low</c>.</summary>
    Low = 1,

    /// <summary><c>medium</c>.</summary>
    Medium = 2,

    /// <summary><c>high</c>.</summary>
    High = 3,
}
