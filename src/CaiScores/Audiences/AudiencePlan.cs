using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using CaiScores.Analysis;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Segments;

namespace CaiScores.Audiences;

/// <summary>The evaluated audience: its persons, the namespace of each, and the run its extra columns come from.</summary>
internal sealed class AudiencePlan
{
    private readonly ScoreTable _table;
    private readonly AudienceOptions _options;
    private readonly string _rule;
    private readonly PersonSet _persons;
    private readonly int[] _indexes;
    private readonly ScoreRun? _run;
    private readonly long[] _namespaceCounts; // [0] unknown, [c] code c

    private AudiencePlan(ScoreTable table, AudienceOptions options, string rule, PersonSet persons, ScoreRun? run)
    {
        _table = table;
        _options = options;
        _rule = rule;
        _persons = persons;
        _indexes = persons.ToIndexes();
        _run = run;
        _namespaceCounts = new long[table.PersonNamespaces.Names.Count + 1];
        var codes = table.PersonNamespaces.Codes;
        foreach (var p in _indexes)
        {
            _namespaceCounts[p < codes.Length ? codes[p] : 0]++;
        }
    }

    public static AudiencePlan Of(ScoreTable table, Segment segment, AudienceOptions? options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(segment);
        options ??= new AudienceOptions();
        options.Validate();
        ScoreRun? run = null;
        if (options.Run is { } date)
        {
            var index = table.IndexOfRun(date);
            run = index >= 0 ? table.Runs[index] : throw AnalysisErrors.NoSuchRun(table, date, nameof(options));
        }
        else if (table.Runs.Count > 0)
        {
            run = table.Runs[^1];
        }

        return new AudiencePlan(table, options, segment.ToString(), segment.Evaluate(table), run);
    }

    private IReadOnlyList<string> Names => _table.PersonNamespaces.Names;

    private long Unknown => _namespaceCounts[0];

    /// <summary>The one namespace a single file is written for, or why there is none.</summary>
    public string SingleNamespace()
    {
        if (_options.IdentityNamespace is { } asked)
        {
            return Asked(asked);
        }

        var known = Enumerable.Range(1, Names.Count).Where(c => _namespaceCounts[c] > 0).ToList();
        if (known.Count == 1 && Unknown == 0)
        {
            return Names[known[0] - 1];
        }

        if (known.Count == 0 && Unknown == 0 && Names.Count == 1)
        {
            return Names[0]; // an empty audience of a one-namespace table: a header-only file
        }

        throw new InvalidOperationException(
            $"An AEP audience file maps its identity column to one namespace, and audience '{Name}' holds {Counts()}. "
            + (known.Count > 1
                ? "Write one file per namespace (AudienceExport.WriteCsvFiles) or name one with AudienceOptions.IdentityNamespace."
                : "The table does not know which namespace these ids are from (scores built in code without ScoreRecord.IdentityNamespace); name it with AudienceOptions.IdentityNamespace."));
    }

    /// <summary>The asked namespace, unless the audience has persons and none of them can be written under it.</summary>
    private string Asked(string asked)
    {
        var index = IndexOf(asked);
        if (_indexes.Length > 0 && Unknown == 0 && (index < 0 || _namespaceCounts[index + 1] == 0))
        {
            throw new InvalidOperationException($"Audience '{Name}' has no person of namespace '{asked}': it holds {Counts()}.");
        }

        return asked;
    }

    /// <summary>The namespaces <see cref="AudienceExport.WriteCsvFiles"/> writes a file for.</summary>
    public List<string> FileNamespaces()
    {
        if (_options.IdentityNamespace is { } asked)
        {
            return [Asked(asked)];
        }

        if (Unknown > 0)
        {
            throw new InvalidOperationException(
                $"Audience '{Name}' holds {Counts()}; name the namespace of the unknown ones with AudienceOptions.IdentityNamespace.");
        }

        return [.. Enumerable.Range(1, Names.Count).Where(c => _namespaceCounts[c] > 0).Select(c => Names[c - 1]).Order(StringComparer.Ordinal)];
    }

    /// <summary>Writes the persons of <paramref name="name"/> (and, when it was asked for, those of unknown namespace).</summary>
    public long Write(TextWriter writer, string name)
    {
        var codes = _table.PersonNamespaces.Codes;
        var code = (byte)(IndexOf(name) + 1); // 0 when the table does not know the namespace: then only unknown persons match
        var takeUnknown = _options.IdentityNamespace is not null;
        var columns = _options.Columns;
        var line = new StringBuilder();
        line.Append(Field(name));
        Header(line, columns);
        writer.Write(line.Append("\r\n"));
        long rows = 0;
        foreach (var p in _indexes)
        {
            var c = p < codes.Length ? codes[p] : (byte)0;
            if (!(c == code && code != 0) && !(c == 0 && takeUnknown))
            {
                continue;
            }

            line.Clear().Append(Field(_table.Persons[p]));
            Values(line, columns, p);
            writer.Write(line.Append("\r\n"));
            rows++;
        }

        writer.Flush();
        return rows;
    }

    public Audience Result(IReadOnlyList<AudienceFile> files, Dictionary<string, long>? written)
    {
        var namespaces = new List<AudienceNamespaceRow>();
        foreach (var c in Enumerable.Range(1, Names.Count).Where(c => _namespaceCounts[c] > 0).OrderBy(c => Names[c - 1], StringComparer.Ordinal))
        {
            var name = Names[c - 1];
            var rows = written is not null && written.TryGetValue(name, out var w) ? w : 0;
            if (_options.IdentityNamespace is not null && name == _options.IdentityNamespace)
            {
                rows -= Unknown; // the unknown persons written under the asked namespace are shown on their own row
            }

            namespaces.Add(new AudienceNamespaceRow(name, _namespaceCounts[c], rows));
        }

        if (Unknown > 0)
        {
            var asked = _options.IdentityNamespace;
            namespaces.Add(new AudienceNamespaceRow(null, Unknown, asked is not null && written is not null && written.ContainsKey(asked) ? Unknown : 0));
        }

        var (buckets, notScored) = BucketRows();
        return new Audience(Name, _rule, _run?.ScoreDate, _options.Scheme.ToString(), ColumnNames(_options.Columns), _persons, notScored, namespaces, buckets, files, _table.Diagnostics);
    }

    private string Name => _options.Name ?? _rule;

    private int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    private string Counts()
    {
        var parts = Enumerable.Range(1, Names.Count).Where(c => _namespaceCounts[c] > 0).OrderBy(c => Names[c - 1], StringComparer.Ordinal)
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"{_namespaceCounts[c]:N0} {Names[c - 1]}")).ToList();
        if (Unknown > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{Unknown:N0} of unknown namespace"));
        }

        return parts.Count == 0 ? "no persons" : string.Join(", ", parts) + " persons";
    }

    private (List<AudienceBucketRow> Rows, long NotScored) BucketRows()
    {
        var scheme = _options.Scheme;
        var inAudience = new long[scheme.Buckets.Count + 1]; // last: scored without a usable value
        var scored = new long[scheme.Buckets.Count + 1];
        long notScored = 0;
        if (_run is not null)
        {
            // A word of 64 persons at a time: the presence bits, the audience's bits and the field's validity bits.
            var presence = MemoryMarshal.Cast<byte, ulong>(_run.Presence);
            var validity = ScoreFields.Validity(_run, scheme.Field);
            var audience = _persons.Words;
            var noBucket = scheme.Buckets.Count;
            var doubles = scheme.Field == ScoreField.Probability ? _run.Probabilities : _run.Scores;
            var percentiles = _run.Percentiles;
            var isPercentile = scheme.Field == ScoreField.Percentile;
            for (var w = 0; w < audience.Length; w++)
            {
                var present = Word(_run.Presence, presence, w);
                notScored += BitOperations.PopCount(audience[w] & ~present);
                var valid = Word(validity, MemoryMarshal.Cast<byte, ulong>(validity), w);
                for (var bits = present; bits != 0; bits &= bits - 1)
                {
                    var bit = BitOperations.TrailingZeroCount(bits);
                    var p = (w << 6) + bit;
                    var b = (valid >> bit & 1) != 0 && scheme.BucketOf(isPercentile ? percentiles[p] : doubles[p]) is >= 0 and var i ? i : noBucket;
                    scored[b]++;
                    inAudience[b] += (long)(audience[w] >> bit & 1);
                }
            }
        }
        else
        {
            notScored = _indexes.Length;
        }

        var rows = scheme.Buckets.Select(b => new AudienceBucketRow(b.DisplayName, inAudience[b.Index], scored[b.Index], Share(inAudience[b.Index], scored[b.Index]))).ToList();
        var last = scheme.Buckets.Count;
        if (scored[last] > 0)
        {
            rows.Add(new AudienceBucketRow("No value", inAudience[last], scored[last], Share(inAudience[last], scored[last])));
        }

        return (rows, notScored);
    }

    /// <summary>Word <paramref name="w"/> of a bitmap whose byte length need not be a multiple of 8 (its last word padded with zeros).</summary>
    private static ulong Word(ReadOnlySpan<byte> bytes, ReadOnlySpan<ulong> words, int w)
    {
        if (w < words.Length)
        {
            return words[w];
        }

        ulong word = 0;
        for (var i = w * 8; i < bytes.Length; i++)
        {
            word |= (ulong)bytes[i] << (8 * (i - (w * 8)));
        }

        return word;
    }

    private static double? Share(long part, long whole) => whole == 0 ? null : (double)part / whole;

    private static double? ValueOf(ScoreRun run, ScoreField field, int p) => field switch
    {
        ScoreField.Probability => run.GetProbability(p),
        ScoreField.Percentile => run.GetPercentile(p),
        _ => run.GetScore(p),
    };

    private static string[] ColumnNames(AudienceColumns columns)
    {
        var header = new StringBuilder();
        Header(header, columns);
        return header.Length == 0 ? [] : header.ToString(1, header.Length - 1).Split(',');
    }

    private static void Header(StringBuilder line, AudienceColumns columns)
    {
        if ((columns & AudienceColumns.Score) != 0)
        {
            line.Append(",score");
        }

        if ((columns & AudienceColumns.Probability) != 0)
        {
            line.Append(",probability");
        }

        if ((columns & AudienceColumns.PercentileScore) != 0)
        {
            line.Append(",percentileScore");
        }

        if ((columns & AudienceColumns.Bucket) != 0)
        {
            line.Append(",bucket");
        }
    }

    private void Values(StringBuilder line, AudienceColumns columns, int p)
    {
        if (columns == AudienceColumns.None)
        {
            return;
        }

        var run = _run is not null && Internal.Bitmaps.Get(_run.Presence, p) ? _run : null;
        if ((columns & AudienceColumns.Score) != 0)
        {
            line.Append(',').Append(run?.GetScore(p) is { } s ? s.ToString("R", CultureInfo.InvariantCulture) : string.Empty);
        }

        if ((columns & AudienceColumns.Probability) != 0)
        {
            line.Append(',').Append(run?.GetProbability(p) is { } pr ? pr.ToString("R", CultureInfo.InvariantCulture) : string.Empty);
        }

        if ((columns & AudienceColumns.PercentileScore) != 0)
        {
            line.Append(',').Append(run?.GetPercentile(p) is { } pc ? pc.ToString(CultureInfo.InvariantCulture) : string.Empty);
        }

        if ((columns & AudienceColumns.Bucket) != 0)
        {
            var bucket = run is not null && ValueOf(run, _options.Scheme.Field, p) is { } v && _options.Scheme.BucketOf(v) is >= 0 and var b
                ? _options.Scheme.Buckets[b].DisplayName
                : string.Empty;
            line.Append(',').Append(Field(bucket));
        }
    }

    private static string Field(string text) =>
        text.Length > 0 && (text.AsSpan().IndexOfAny(",\"\r\n") >= 0 || text[0] is ' ' or '\t' || text[^1] is ' ' or '\t')
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
}
