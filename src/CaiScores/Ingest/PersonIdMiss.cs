namespace CaiScores.Ingest;

/// <summary>Why no person id could be resolved from a record's identity map (see <see cref="CaiScoresOptions.IdentityNamespace"/>).</summary>
public enum PersonIdMiss
{
    /// <summary>An id was resolved.</summary>
    None = 0,

    /// <summary>The record's <c>identityMap</c> is absent, null or <c>{}</c> (a namespace whose list is null counts as absent).</summary>
    NoIdentityMap = 1,

    /// <summary>
    /// An identity map, but no usable id: its lists empty, every id null or empty or, with
    /// <see cref="CaiScoresOptions.IdentityNamespace"/> set, none under that namespace.
    /// </summary>
    NoUsableId = 2,

    /// <summary>Several usable ids and none marked <c>primary</c> ("Use Primary ID Namespace" cannot choose).</summary>
    NoPrimary = 3,
}
