namespace CaiScores.Audiences;

/// <summary>The persons of an audience under one identity namespace.</summary>
/// <param name="Namespace">The namespace code (<c>ECID</c>); null for persons whose namespace the table does not know.</param>
/// <param name="Persons">The audience's persons under it.</param>
/// <param name="Written">How many of them were written to a file (0 when the audience was only described).</param>
public sealed record AudienceNamespaceRow(string? Namespace, long Persons, long Written);

/// <summary>The persons of an audience in one bucket of the run.</summary>
/// <param name="Bucket">The bucket's display name (alias, else label).</param>
/// <param name="Persons">The audience's persons in the bucket.</param>
/// <param name="Scored">Every person of the table in the bucket in the run.</param>
/// <param name="Share">Persons over scored; null when no one is in the bucket.</param>
public sealed record AudienceBucketRow(string Bucket, long Persons, long Scored, double? Share);

/// <summary>A file an audience was written to.</summary>
/// <param name="Path">The file's path, as given or made.</param>
/// <param name="Namespace">The namespace of its identity column.</param>
/// <param name="Rows">The persons written (the header not counted).</param>
public sealed record AudienceFile(string Path, string Namespace, long Rows);
