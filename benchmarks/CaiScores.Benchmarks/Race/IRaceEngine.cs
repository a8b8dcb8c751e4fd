namespace CaiScores.Benchmarks.Race;

/// <summary>One contender of the race: data loaded at construction, then each workload answered on demand.</summary>
internal interface IRaceEngine : IDisposable
{
    /// <summary>The column heading.</summary>
    string Name { get; }

    /// <summary>Answers a workload with the given number of threads (engines that cannot use more ignore it).</summary>
    RaceAnswer Run(Workload workload, int threads);
}
