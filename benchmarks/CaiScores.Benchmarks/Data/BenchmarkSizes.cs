namespace CaiScores.Benchmarks.Data;

/// <summary>
/// The sizes every benchmark runs at, as score rows of a dataset of persons × <see cref="Runs"/> weekly runs: 1,024 (fixed
/// costs), 1,000,000 (fits the last-level cache of most machines in part) and 16,000,000 (2,000,000 persons × 8 runs, the
/// size of the issues' targets). An analysis of one run reads that run's <c>Rows / 8</c> persons.
/// </summary>
/// <remarks>
/// The guard (<c>-- guard</c>) runs one size only: it sets <see cref="Only"/> before BenchmarkDotNet reads the sizes,
/// which works because the guard runs the benchmarks in its own process.
/// </remarks>
public static class BenchmarkSizes
{
    /// <summary>Weekly runs in every dataset.</summary>
    public const int Runs = 8;

    /// <summary>The largest size a benchmark that holds its whole input as JSON text in memory runs at (16 M rows would be 13 GB).</summary>
    public const int InMemoryJsonLimit = 1_000_000;

    /// <summary>
    /// The most rows the guard reads in an ingest benchmark: one operation reads a whole dataset (seconds at 1 M rows),
    /// so the guard takes this much of it to stay within a few minutes.
    /// </summary>
    public const int GuardIngestRows = 100_000;

    /// <summary>The sizes: score rows (persons × 8 runs).</summary>
    public static IEnumerable<int> Rows => Only is { } rows ? [rows] : [1_024, 1_000_000, 16_000_000];

    /// <summary>The sizes of a Parquet ingest benchmark: <see cref="Rows"/>, or under the guard at most <see cref="GuardIngestRows"/>.</summary>
    public static IEnumerable<int> ParquetRows => Only is { } rows ? [Math.Min(rows, GuardIngestRows)] : Rows;

    /// <summary>
    /// The sizes of a JSON ingest benchmark: <see cref="Rows"/> up to <see cref="InMemoryJsonLimit"/>, or under the guard at
    /// most <see cref="GuardIngestRows"/>.
    /// </summary>
    public static IEnumerable<int> JsonRows => Only is { } rows ? [Math.Min(rows, GuardIngestRows)] : Rows.Where(r => r <= InMemoryJsonLimit);

    /// <summary>When set, the only size (the guard's).</summary>
    internal static int? Only { get; set; }

    /// <summary>The persons of a dataset of <paramref name="rows"/> score rows: <c>rows / 8</c>, at least one.</summary>
    /// <param name="rows">Score rows.</param>
    /// <returns>The persons.</returns>
    public static int PersonsOf(int rows) => Math.Max(1, rows / Runs);
}
