namespace CaiScores.Columnar.Ipc;

/// <summary>The one shape of a loading problem: <c>source: problem</c>, which <see cref="ScoreTableArrow.Load(Stream, string)"/> passes on as it is.</summary>
internal static class LoadProblem
{
    public static InvalidDataException Bad(string source, string problem) => new($"{source}: {problem}");
}
