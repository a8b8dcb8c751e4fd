using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CaiScores.Benchmarks.Guard;
using CaiScores.Benchmarks.Data;
using CaiScores.Parquet;
using ParquetSharp.Arrow;

namespace CaiScores.Benchmarks.Parquet;

/// <summary>
/// Parquet ingest of an AEP-shaped Customer AI Experience Event score dataset on disk (<see cref="AepParquetDataset"/>:
/// Persons × Runs weekly part files, 5 factors per row, 10 % of persons missing from some runs), generated once into the
/// temp folder and reused. Rows/s = score rows (Persons × Runs minus the missing) / Mean.
/// Baseline: the naive way — ParquetSharp's Arrow reader over every column (no projection, no dictionary reads) and a
/// managed object per row, as a straightforward implementation would do.
/// </summary>
/// <remarks>
/// One operation reads the whole dataset (seconds at 2M persons), so the job is a monitoring one: one launch, one warm-up
/// and five measured single invocations. Allocated counts managed memory only: the native Parquet and Arrow buffers of
/// ParquetSharp are not in it. The dataset takes ~0.96 GB in the temp folder at 2M × 8 (12–15 s to write on 2 cores).
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[Config(typeof(ParquetIngestConfig))]
[BenchmarkCategory("Parquet", "Ingest")]
public class ParquetIngestBenchmarks
{
    private string _folder = "";

    /// <summary>Score rows of the dataset: persons × 8 weekly runs, one part file per run (see <see cref="BenchmarkSizes"/>).</summary>
    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.ParquetRows))]
    public int Rows { get; set; }

    /// <summary>Writes the dataset on first use (cached across runs by its <c>done</c> marker).</summary>
    [GlobalSetup]
    public void Setup() => _folder = AepParquetDataset.Ensure(BenchmarkSizes.PersonsOf(Rows), BenchmarkSizes.Runs);

    /// <summary>
    /// All columns, default reader properties, each row read into a <see cref="NaiveScoreRow"/> with its person id (the primary
    /// identity), record id, strings for the score date, model type and every factor; consumed and dropped (keeping 15M of
    /// them would not fit in memory), so this is a lower bound of the naive cost.
    /// </summary>
    /// <returns>The rows read.</returns>
    [Benchmark(Baseline = true, Description = "Naive: all columns, object per row")]
    public long NaiveObjectPerRow()
    {
        long rows = 0;
        double sum = 0;
        foreach (var file in Directory.EnumerateFiles(_folder, "*.parquet").Order(StringComparer.Ordinal))
        {
            using var reader = new FileReader(file);
            using var batches = reader.GetRecordBatchReader();
            while (batches.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch)
            {
                using (batch)
                {
                    foreach (var row in NaiveRows(batch))
                    {
                        rows += row.PersonId is null ? 0 : 1;
                        sum += (row.Score ?? 0) + row.Factors.Count;
                    }
                }
            }
        }

        return rows + (long)(sum * 0);
    }

    /// <summary><see cref="CaiParquet.Load(string, CaiScoresOptions?)"/> of the folder into a score table.</summary>
    /// <returns>The score rows of the table.</returns>
    [Guarded(24_000_000, MinSpeedup = 1.6, Why = "both sides pay ParquetSharp's native decode of the same pages, about a third of the kernel's time")]
    [Benchmark(Description = "CaiParquet.Load")]
    public long CaiParquetLoad() => CaiParquet.Load(_folder).Sum(t => t.ScoreRowCount);

    private static IEnumerable<NaiveScoreRow> NaiveRows(RecordBatch batch)
    {
        var recordIds = (StringArray)batch.Column("_id");
        var timestamps = (TimestampArray)batch.Column("timestamp");
        var identityMap = (MapArray)batch.Column("identityMap");
        var namespaces = (StringArray)identityMap.Keys;
        var itemLists = (ListArray)identityMap.Values;
        var items = (StructArray)itemLists.Values;
        var ids = (StringArray)Field(items, "id");
        var primary = (BooleanArray)Field(items, "primary");
        var tenant = (StructArray)batch.Column("_" + AepParquetDataset.TenantId);
        var instance = (StructArray)Field((StructArray)Field(tenant, "CustomerAI"), AepParquetDataset.InstanceKey);
        var scores = (DoubleArray)Field(instance, "score");
        var probabilities = (DoubleArray)Field(instance, "probability");
        var percentiles = (Int32Array)Field(instance, "percentileScore");
        var scoreDates = (StringArray)Field(instance, "scoreDate");
        var modelTypes = (StringArray)Field(instance, "modelType");
        var factorLists = (ListArray)Field(instance, "influentialFactors");
        var factors = (StructArray)factorLists.Values;
        var codes = (StringArray)Field(factors, "code");
        var values = (StringArray)Field(factors, "value");
        var importances = (StringArray)Field(factors, "importance");
        for (var row = 0; row < batch.Length; row++)
        {
            string? personId = null;
            string? personNamespace = null;
            for (var entry = identityMap.ValueOffsets[row]; entry < identityMap.ValueOffsets[row + 1]; entry++)
            {
                for (var item = itemLists.ValueOffsets[entry]; item < itemLists.ValueOffsets[entry + 1]; item++)
                {
                    if (primary.GetValue(item) == true)
                    {
                        personNamespace = namespaces.GetString(entry);
                        personId = ids.GetString(item);
                    }
                }
            }

            var rowFactors = new List<NaiveFactor>();
            if (factorLists.IsValid(row))
            {
                for (var f = factorLists.ValueOffsets[row]; f < factorLists.ValueOffsets[row + 1]; f++)
                {
                    rowFactors.Add(new NaiveFactor(codes.GetString(f), values.GetString(f), importances.GetString(f)));
                }
            }

            var scoreDate = scoreDates.GetString(row);
            yield return new NaiveScoreRow(
                recordIds.GetString(row),
                personNamespace,
                personId,
                scoreDate is null ? null : DateOnly.ParseExact(scoreDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                timestamps.GetTimestamp(row),
                scores.GetValue(row),
                probabilities.GetValue(row),
                percentiles.GetValue(row),
                modelTypes.GetString(row),
                rowFactors);
        }
    }

    private static IArrowArray Field(StructArray parent, string name) =>
        parent.Fields[((StructType)parent.Data.DataType).GetFieldIndex(name)];

    /// <summary>A row as the naive reader materialises it.</summary>
    private sealed record NaiveScoreRow(
        string? RecordId,
        string? PersonNamespace,
        string? PersonId,
        DateOnly? ScoreDate,
        DateTimeOffset? Timestamp,
        double? Score,
        double? Probability,
        int? Percentile,
        string? ModelType,
        List<NaiveFactor> Factors);

    /// <summary>A factor as the naive reader materialises it.</summary>
    private sealed record NaiveFactor(string? Code, string? Value, string? Importance);
}
