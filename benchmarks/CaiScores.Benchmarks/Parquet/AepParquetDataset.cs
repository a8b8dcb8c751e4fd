using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using CaiScores.Parquet;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace CaiScores.Benchmarks.Parquet;

/// <summary>
/// A deterministic AEP-shaped Customer AI <em>Experience Event</em> score dataset on disk, for the Parquet ingest benchmarks:
/// one snappy <c>part-*.snappy.parquet</c> file per weekly run, row groups of <see cref="RowGroupSize"/> rows, the nested
/// XDM schema AEP writes (<c>_id</c>, <c>timestamp</c>, <c>identityMap</c>, <c>_acme.CustomerAI.PurchasePropensityWebsite</c>,
/// as <c>CaiParquetWriter</c> writes it).
/// </summary>
/// <remarks>
/// <para>Shape: every person carries one primary 38-digit ECID (<see cref="Samples.CaiSampleData.Ecid"/>'s); 10 % of persons
/// miss some runs (one chosen run, and each other with probability ¼); a person's latent propensity persists and drifts a
/// little from run to run, giving a consistent score (0–100), probability (0–1) and percentile (1–100, the rank within the
/// run); five influential factors per row from 60 codes and 200 values, importance high, medium, medium, low, low;
/// <c>scoreDate</c> the run's date and <c>timestamp</c> its midnight UTC. Rows are in person order.</para>
/// <para>Generated once per shape into <c>$TMPDIR/cai-bench-parquet/p{persons}-r{runs}-v1</c>: written into a scratch
/// folder that is renamed into place after its <c>done</c> marker is written, so an interrupted run never leaves a partial
/// dataset behind. Columns are filled straight into reusable byte buffers wrapped as <see cref="ArrowBuffer"/>s (no
/// per-value builder), and runs are written in parallel, one file per core.</para>
/// </remarks>
public static class AepParquetDataset
{
    /// <summary>The tenant id (the <c>_acme</c> column).</summary>
    public const string TenantId = "acme";

    /// <summary>The instance key.</summary>
    public const string InstanceKey = "PurchasePropensityWebsite";

    /// <summary>Rows per row group.</summary>
    public const int RowGroupSize = 256 * 1024;

    /// <summary>Influential factors per row.</summary>
    public const int FactorsPerRow = 5;

    private const string Version = "v1";
    private const string DoneMarker = "done";
    private const int PersonSalt = 0xFFFFFF;

    private static readonly DateOnly FirstRun = new(2026, 1, 4);

    // The XDM pieces AEP writes, as the library's writer defines them.
    private static readonly StructType IdentityItem = CaiParquetWriter.IdentityItem;
    private static readonly MapType IdentityMap = CaiParquetWriter.IdentityMap;
    private static readonly StructType Factor = CaiParquetWriter.Factor;

    private static readonly ListType FactorList = new(new Field("element", Factor, true));

    private static readonly StructType Instance = new([
        new Field("score", DoubleType.Default, true),
        new Field("probability", DoubleType.Default, true),
        new Field("percentileScore", Int32Type.Default, true),
        new Field("scoreDate", StringType.Default, true),
        new Field("modelType", StringType.Default, true),
        new Field("influentialFactors", FactorList, true),
    ]);

    private static readonly StructType CustomerAI = new([new Field(InstanceKey, Instance, true)]);

    private static readonly StructType Tenant = new([new Field("CustomerAI", CustomerAI, true)]);

    private static readonly TimestampType Micros = CaiParquetWriter.Micros;

    private static readonly Schema FileSchema = new Schema.Builder()
        .Field(new Field("_id", StringType.Default, true))
        .Field(new Field("timestamp", Micros, true))
        .Field(new Field("identityMap", IdentityMap, true))
        .Field(new Field("_" + TenantId, Tenant, true))
        .Build();

    private static readonly byte[][] Codes = MakeCodes();
    private static readonly byte[][] Values = MakeValues();
    private static readonly byte[][] Importances = [Utf8("high"), Utf8("medium"), Utf8("medium"), Utf8("low"), Utf8("low")];

    /// <summary>The dataset folder of a shape (whether or not it exists yet).</summary>
    /// <param name="persons">Persons.</param>
    /// <param name="runs">Weekly runs.</param>
    /// <returns>The folder path.</returns>
    public static string FolderOf(int persons, int runs) =>
        Path.Combine(Path.GetTempPath(), "cai-bench-parquet", string.Create(CultureInfo.InvariantCulture, $"p{persons}-r{runs}-{Version}"));

    /// <summary>Writes the dataset unless a complete one (with its <c>done</c> marker) is already there.</summary>
    /// <param name="persons">Persons (at least 1).</param>
    /// <param name="runs">Weekly runs (at least 1).</param>
    /// <returns>The folder holding the part files.</returns>
    public static string Ensure(int persons, int runs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(persons, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var folder = FolderOf(persons, runs);
        if (File.Exists(Path.Combine(folder, DoneMarker)))
        {
            return folder;
        }

        RemoveAbandonedScratch(folder);
        var scratch = folder + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        Directory.CreateDirectory(scratch);
        var clock = Stopwatch.StartNew();
        var written = new long[runs];
        Parallel.For(0, runs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, run =>
            written[run] = WriteRun(Path.Combine(scratch, PartName(run)), persons, runs, run));
        var bytes = Directory.EnumerateFiles(scratch, "*.parquet").Sum(f => new FileInfo(f).Length);
        var report = string.Create(CultureInfo.InvariantCulture, $"rows={written.Sum()} files={runs} bytes={bytes} seconds={clock.Elapsed.TotalSeconds:F1}");
        File.WriteAllText(Path.Combine(scratch, DoneMarker), report + "\n");
        if (Directory.Exists(folder))
        {
            // A folder without the marker is a leftover: replace it.
            Directory.Delete(folder, recursive: true);
        }

        try
        {
            Directory.Move(scratch, folder);
        }
        catch (IOException) when (File.Exists(Path.Combine(folder, DoneMarker)))
        {
            // Another process finished the same dataset first.
            Directory.Delete(scratch, recursive: true);
        }

        Console.WriteLine($"// AepParquetDataset: wrote {folder} ({report})");
        return folder;
    }

    /// <summary>The rows the dataset of a shape holds (persons × runs minus the missing), computed without reading it.</summary>
    /// <param name="persons">Persons.</param>
    /// <param name="runs">Weekly runs.</param>
    /// <returns>The row count.</returns>
    public static long RowCount(int persons, int runs)
    {
        long rows = 0;
        for (var run = 0; run < runs; run++)
        {
            for (var person = 0; person < persons; person++)
            {
                rows += IsPresent(person, run, runs) ? 1 : 0;
            }
        }

        return rows;
    }

    /// <summary>Whether a person has a row in a run: 10 % of persons miss one chosen run and a quarter of the others.</summary>
    /// <param name="person">The 0-based person index.</param>
    /// <param name="run">The 0-based run index.</param>
    /// <param name="runs">The number of runs.</param>
    /// <returns>true when the person's row is in the run's file.</returns>
    public static bool IsPresent(int person, int run, int runs)
    {
        var h = Hash(person, PersonSalt, 1);
        return h % 10 != 0 || (run != (int)((h >> 32) % (uint)runs) && Hash(person, run, 2) % 4 != 0);
    }

    /// <summary>The score date of a run (weekly, from 2026-01-04).</summary>
    /// <param name="run">The 0-based run index.</param>
    /// <returns>The date.</returns>
    public static DateOnly ScoreDate(int run) => FirstRun.AddDays(7 * run);

    /// <summary>Deletes the scratch folders of earlier writers of this dataset whose process is gone (interrupted runs).</summary>
    private static void RemoveAbandonedScratch(string folder)
    {
        var parent = Path.GetDirectoryName(folder)!;
        if (!Directory.Exists(parent))
        {
            return;
        }

        foreach (var scratch in Directory.EnumerateDirectories(parent, Path.GetFileName(folder) + ".tmp-*"))
        {
            if (int.TryParse(scratch.AsSpan(scratch.LastIndexOf('-') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !IsRunning(pid))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string PartName(int run) =>
        string.Create(CultureInfo.InvariantCulture, $"part-{run:D5}-5f0c2d7e-cai-{Version}.c000.snappy.parquet");

    /// <summary>Writes one run's file; returns its rows.</summary>
    private static long WriteRun(string path, int persons, int runs, int run)
    {
        var latent = new double[persons];
        var order = new int[persons];
        var count = 0;
        for (var p = 0; p < persons; p++)
        {
            // A persistent propensity plus a small random walk, one step per run so far.
            var l = (Normal(Hash(p, PersonSalt, 3)) * 1.3) - 0.4;
            for (var k = 1; k <= run; k++)
            {
                l += Normal(Hash(p, k, 4)) * 0.35;
            }

            latent[p] = l;
            if (IsPresent(p, run, runs))
            {
                order[count++] = p;
            }
        }

        // Percentile = rank among the run's scored persons (1–100), as Customer AI reports it.
        var keys = new double[count];
        var ranked = new int[count];
        for (var i = 0; i < count; i++)
        {
            ranked[i] = order[i];
            keys[i] = latent[order[i]];
        }

        System.Array.Sort(keys, ranked);
        var percentile = new byte[persons];
        for (var rank = 0; rank < count; rank++)
        {
            percentile[ranked[rank]] = (byte)Math.Max(1, (int)Math.Ceiling(100.0 * (rank + 1) / count));
        }

        var date = ScoreDate(run);
        var micros = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;
        using var properties = new WriterPropertiesBuilder()
            .Compression(Compression.Snappy)
            .DisableDictionary("_id")
            .DisableDictionary("identityMap.key_value.value.list.element.id")
            .Build();
        using var writer = new FileWriter(path, FileSchema, properties);
        var buffers = new RowGroupBuffers(run, Utf8(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), micros);
        for (var start = 0; start < count; start += RowGroupSize)
        {
            using var batch = buffers.Fill(order.AsSpan(start, Math.Min(RowGroupSize, count - start)), latent, percentile);
            writer.WriteRecordBatch(batch, RowGroupSize);
        }

        writer.Close();
        return count;
    }

    private static byte[][] MakeCodes()
    {
        string[] measures = ["Counts of", "Recency of", "Days since last"];
        string[] events = ["webVisit", "productView", "productPurchase", "emailOpen", "emailClick", "cartAddition", "cartRemoval", "checkout", "search", "appLaunch"];
        string[] windows = ["in last 30 days", "in last 90 days"];
        return [.. from m in measures from e in events from w in windows select Utf8($"{m} {e} {w}")];
    }

    private static byte[][] MakeValues()
    {
        var values = Enumerable.Range(0, 150).Select(i => i.ToString(CultureInfo.InvariantCulture));
        var buckets = Enumerable.Range(0, 50).Select(i => string.Create(CultureInfo.InvariantCulture, $"Between {i * 5} and {(i * 5) + 4} days"));
        return [.. values.Concat(buckets).Select(Utf8)];
    }

    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    /// <summary>SplitMix64 of (person, run, salt).</summary>
    private static ulong Hash(int person, int run, int salt)
    {
        var x = ((ulong)(uint)person << 32) ^ ((ulong)(uint)run << 8) ^ (uint)salt;
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>An approximately standard normal value from a hash (Irwin–Hall of four 16-bit uniforms).</summary>
    private static double Normal(ulong h)
    {
        var sum = (h & 0xFFFF) + ((h >> 16) & 0xFFFF) + ((h >> 32) & 0xFFFF) + (h >> 48);
        return ((sum / 65536.0) - 2.0) * 1.7320508075688772;
    }

    /// <summary>Column buffers of one file's row groups, reused from one row group to the next.</summary>
    private sealed class RowGroupBuffers(int run, byte[] scoreDate, long micros)
    {
        private const int IdLength = 36;
        private const int EcidLength = 38;
        private readonly Dictionary<int, byte[]> _constantOffsets = [];
        private readonly Dictionary<string, byte[]> _repeated = new(StringComparer.Ordinal);
        private readonly byte[] _ids = new byte[RowGroupSize * IdLength];
        private readonly byte[] _ecids = new byte[RowGroupSize * EcidLength];
        private readonly byte[] _scores = new byte[RowGroupSize * sizeof(double)];
        private readonly byte[] _probabilities = new byte[RowGroupSize * sizeof(double)];
        private readonly byte[] _percentiles = new byte[RowGroupSize * sizeof(int)];
        private readonly byte[] _codeOffsets = new byte[((RowGroupSize * FactorsPerRow) + 1) * sizeof(int)];
        private readonly byte[] _valueOffsets = new byte[((RowGroupSize * FactorsPerRow) + 1) * sizeof(int)];
        private byte[] _codes = new byte[RowGroupSize * FactorsPerRow * 32];
        private byte[] _values = new byte[RowGroupSize * FactorsPerRow * 8];

        /// <summary>The record batch of the given persons' rows, over the reused buffers (valid until the next call).</summary>
        public RecordBatch Fill(ReadOnlySpan<int> persons, double[] latent, byte[] percentile)
        {
            var n = persons.Length;
            var nf = n * FactorsPerRow;
            var scores = MemoryMarshal.Cast<byte, double>(_scores.AsSpan());
            var probabilities = MemoryMarshal.Cast<byte, double>(_probabilities.AsSpan());
            var percentiles = MemoryMarshal.Cast<byte, int>(_percentiles.AsSpan());
            var codeOffsets = MemoryMarshal.Cast<byte, int>(_codeOffsets.AsSpan());
            var valueOffsets = MemoryMarshal.Cast<byte, int>(_valueOffsets.AsSpan());
            var codeLength = 0;
            var valueLength = 0;
            for (var i = 0; i < n; i++)
            {
                var p = persons[i];
                WriteId(_ids.AsSpan(i * IdLength, IdLength), Hash(p, run, 5), Hash(p, run, 6));
                WriteDigits(_ecids.AsSpan(i * EcidLength, 19), 4_521_295_818_337_221_863UL + ((ulong)p * 7_919UL));
                WriteDigits(_ecids.AsSpan((i * EcidLength) + 19, 19), 1_468_751_830_938_286_611UL - (ulong)p);
                var l = latent[p];
                scores[i] = Math.Round(100.0 / (1.0 + Math.Exp(-l)), 2);
                probabilities[i] = Math.Round(1.0 / (1.0 + Math.Exp(-(l - 2.5))), 4);
                percentiles[i] = percentile[p];

                // Factor codes mostly persist per person (a quarter of runs shift them); values change every run.
                var first = (int)(Hash(p, PersonSalt, 7) % 60);
                var shift = Hash(p, run, 8);
                if ((shift & 3) == 0)
                {
                    first = (first + 1 + (int)((shift >> 8) % 59)) % 60;
                }

                var draws = Hash(p, run, 9);
                for (var k = 0; k < FactorsPerRow; k++)
                {
                    var f = (i * FactorsPerRow) + k;
                    codeOffsets[f] = codeLength;
                    valueOffsets[f] = valueLength;
                    codeLength = Append(ref _codes, codeLength, Codes[(first + (7 * k)) % 60]);
                    valueLength = Append(ref _values, valueLength, Values[(int)((draws >> (12 * k)) & 0xFFF) % 200]);
                }
            }

            codeOffsets[nf] = codeLength;
            valueOffsets[nf] = valueLength;

            var ids = new StringArray(n, ConstantOffsets(IdLength, n), Buffer(_ids, n * IdLength), ArrowBuffer.Empty, 0, 0);
            var timestamps = new TimestampArray(Micros, Repeated("ts", BitConverter.GetBytes(micros), n), ArrowBuffer.Empty, n, 0, 0);
            var items = new StructArray(IdentityItem, n, [
                new StringArray(n, ConstantOffsets(EcidLength, n), Buffer(_ecids, n * EcidLength), ArrowBuffer.Empty, 0, 0),
                RepeatedString("ambiguous", n),
                new BooleanArray(Repeated("true", [0xFF], (n + 7) / 8), ArrowBuffer.Empty, n, 0, 0),
            ], ArrowBuffer.Empty, 0, 0);
            var lists = new ListArray(IdentityMap.ValueField.DataType, n, ConstantOffsets(1, n), items, ArrowBuffer.Empty, 0, 0);
            var entries = new StructArray(IdentityMap.KeyValueType, n, [RepeatedString("ECID", n), lists], ArrowBuffer.Empty, 0, 0);
            var map = new MapArray(IdentityMap, n, ConstantOffsets(1, n), entries, ArrowBuffer.Empty, 0, 0);

            var factors = new StructArray(Factor, nf, [
                new StringArray(nf, Buffer(_codeOffsets, (nf + 1) * sizeof(int)), Buffer(_codes, codeLength), ArrowBuffer.Empty, 0, 0),
                new StringArray(nf, Buffer(_valueOffsets, (nf + 1) * sizeof(int)), Buffer(_values, valueLength), ArrowBuffer.Empty, 0, 0),
                Importance(n),
            ], ArrowBuffer.Empty, 0, 0);
            var instance = new StructArray(Instance, n, [
                new DoubleArray(Buffer(_scores, n * sizeof(double)), ArrowBuffer.Empty, n, 0, 0),
                new DoubleArray(Buffer(_probabilities, n * sizeof(double)), ArrowBuffer.Empty, n, 0, 0),
                new Int32Array(Buffer(_percentiles, n * sizeof(int)), ArrowBuffer.Empty, n, 0, 0),
                new StringArray(n, ConstantOffsets(scoreDate.Length, n), Repeated("scoreDate", scoreDate, n), ArrowBuffer.Empty, 0, 0),
                RepeatedString("conversion", n),
                new ListArray(FactorList, n, ConstantOffsets(FactorsPerRow, n), factors, ArrowBuffer.Empty, 0, 0),
            ], ArrowBuffer.Empty, 0, 0);
            var customerAI = new StructArray(CustomerAI, n, [instance], ArrowBuffer.Empty, 0, 0);
            var tenant = new StructArray(Tenant, n, [customerAI], ArrowBuffer.Empty, 0, 0);
            return new RecordBatch(FileSchema, [ids, timestamps, map, tenant], n);
        }

        private static ArrowBuffer Buffer(byte[] bytes, int length) => new(bytes.AsMemory(0, length));

        private static int Append(ref byte[] data, int length, byte[] value)
        {
            if (length + value.Length > data.Length)
            {
                System.Array.Resize(ref data, Math.Max(data.Length * 2, length + value.Length));
            }

            value.CopyTo(data.AsSpan(length));
            return length + value.Length;
        }

        /// <summary>Offsets 0, L, 2L, … for <paramref name="n"/> strings of L bytes (or list offsets of L items).</summary>
        private ArrowBuffer ConstantOffsets(int length, int n)
        {
            if (!_constantOffsets.TryGetValue(length, out var bytes))
            {
                bytes = new byte[(RowGroupSize + 1) * sizeof(int)];
                var offsets = MemoryMarshal.Cast<byte, int>(bytes.AsSpan());
                for (var i = 0; i < offsets.Length; i++)
                {
                    offsets[i] = i * length;
                }

                _constantOffsets.Add(length, bytes);
            }

            return Buffer(bytes, (n + 1) * sizeof(int));
        }

        /// <summary>A value repeated for a whole row group (<paramref name="count"/> copies), built once.</summary>
        private ArrowBuffer Repeated(string key, byte[] value, int count)
        {
            if (!_repeated.TryGetValue(key, out var bytes))
            {
                bytes = new byte[RowGroupSize * value.Length];
                for (var i = 0; i < RowGroupSize; i++)
                {
                    value.CopyTo(bytes, i * value.Length);
                }

                _repeated.Add(key, bytes);
            }

            return Buffer(bytes, count * value.Length);
        }

        private StringArray RepeatedString(string value, int n)
        {
            var utf8 = Utf8(value);
            return new StringArray(n, ConstantOffsets(utf8.Length, n), Repeated(value, utf8, n), ArrowBuffer.Empty, 0, 0);
        }

        /// <summary>The importance column: high, medium, medium, low, low for every row.</summary>
        private StringArray Importance(int n)
        {
            const string Key = "importance";
            var nf = n * FactorsPerRow;
            if (!_repeated.TryGetValue(Key, out var data))
            {
                var rowBytes = Importances.Sum(i => i.Length);
                data = new byte[RowGroupSize * rowBytes];
                var offsetBytes = new byte[((RowGroupSize * FactorsPerRow) + 1) * sizeof(int)];
                var offsets = MemoryMarshal.Cast<byte, int>(offsetBytes.AsSpan());
                var at = 0;
                for (var i = 0; i < RowGroupSize * FactorsPerRow; i++)
                {
                    offsets[i] = at;
                    var value = Importances[i % FactorsPerRow];
                    value.CopyTo(data, at);
                    at += value.Length;
                }

                offsets[^1] = at;
                _repeated.Add(Key, data);
                _repeated.Add(Key + ".offsets", offsetBytes);
            }

            var offsetsOfRows = _repeated[Key + ".offsets"];
            var length = MemoryMarshal.Cast<byte, int>(offsetsOfRows.AsSpan())[nf];
            return new StringArray(nf, Buffer(offsetsOfRows, (nf + 1) * sizeof(int)), Buffer(data, length), ArrowBuffer.Empty, 0, 0);
        }

        private static void WriteDigits(Span<byte> to, ulong value)
        {
            for (var i = to.Length - 1; i >= 0; i--)
            {
                to[i] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }
        }

        /// <summary>A UUID-shaped record id (8-4-4-4-12 lowercase hex) from 128 hash bits.</summary>
        private static void WriteId(Span<byte> to, ulong high, ulong low)
        {
            var at = 0;
            for (var nibble = 0; nibble < 32; nibble++)
            {
                if (nibble is 8 or 12 or 16 or 20)
                {
                    to[at++] = (byte)'-';
                }

                var bits = nibble < 16 ? high >> (60 - (4 * nibble)) : low >> (60 - (4 * (nibble - 16)));
                to[at++] = (byte)"0123456789abcdef"[(int)(bits & 0xF)];
            }
        }
    }
}
