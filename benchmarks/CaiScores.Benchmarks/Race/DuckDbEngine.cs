using System.Globalization;
using CaiScores.Benchmarks.Data;
using DuckDB.NET.Data;

namespace CaiScores.Benchmarks.Race;

/// <summary>
/// DuckDB (DuckDB.NET, embedded, in-process, in-memory database) answering the workloads in SQL over a <c>scores</c>
/// relation (person, run, score, probability, percentile, tier): either a table loaded through the Appender before any
/// timing (<see cref="Load"/>), or a view straight over AEP-shaped Parquet files (<see cref="OverParquet"/>). Each workload
/// has one or more SQL variants (<see cref="DuckDbQueries"/>); <see cref="Variant"/> picks the one the timings use.
/// </summary>
internal sealed class DuckDbEngine : IRaceEngine
{
    private readonly DuckDBConnection _connection;
    private readonly int _runs;
    private readonly Dictionary<Workload, DuckDbQuery> _chosen = [];
    private int _threads = -1;

    private DuckDbEngine(DuckDBConnection connection, int runs)
    {
        _connection = connection;
        _runs = runs;
        Queries = DuckDbQueries.All(runs);
        foreach (var group in Queries.GroupBy(q => q.Workload))
        {
            _chosen[group.Key] = group.First();
        }
    }

    public string Name => "DuckDB";

    /// <summary>Every SQL variant of every workload.</summary>
    public IReadOnlyList<DuckDbQuery> Queries { get; }

    /// <summary>
    /// A table <c>scores(person INTEGER, run TINYINT, score DOUBLE, probability DOUBLE, percentile UTINYINT, tier ENUM)</c>
    /// filled through the Appender in run order (so zone maps prune the row groups of other runs).
    /// </summary>
    public static DuckDbEngine Load(IEnumerable<SyntheticRow> rows, int runs)
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var engine = new DuckDbEngine(connection, runs);
        var tiers = string.Join(", ", SyntheticScores.Tiers.Select(t => $"'{t}'"));
        engine.Execute($"CREATE TYPE tier_t AS ENUM ({tiers})");
        engine.Execute("CREATE TABLE scores (person INTEGER NOT NULL, run TINYINT NOT NULL, score DOUBLE, probability DOUBLE, percentile UTINYINT, tier tier_t)");
        using (var appender = connection.CreateAppender("scores"))
        {
            foreach (var row in rows)
            {
                appender.CreateRow()
                    .AppendValue(row.Person)
                    .AppendValue((sbyte)row.Run)
                    .AppendValue(row.Score)
                    .AppendValue(row.Probability)
                    .AppendValue(row.Percentile)
                    .AppendValue(SyntheticScores.Tiers[row.Tier])
                    .EndRow();
            }
        }

        return engine;
    }

    /// <summary>
    /// A view <c>scores</c> over the part files (read by <c>read_parquet</c> at every query: nothing is loaded first) joined
    /// with the attributes file's tiers; the person is the primary ECID, the run the week of <c>scoreDate</c>.
    /// </summary>
    public static DuckDbEngine OverParquet(IReadOnlyList<string> files, string attributes, int runs, DateOnly firstRun)
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var engine = new DuckDbEngine(connection, runs);
        var list = string.Join(", ", files.Select(f => $"'{f.Replace("'", "''", StringComparison.Ordinal)}'"));
        var instance = $"_{Parquet.AepParquetDataset.TenantId}.CustomerAI.{Parquet.AepParquetDataset.InstanceKey}";
        var first = firstRun.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        engine.Execute($"""
            CREATE VIEW scores AS
            SELECT s.person, s.run, s.score, s.probability, s.percentile, a.tier
            FROM (SELECT map_extract_value(identityMap, 'ECID')[1].id AS person,
                         (date_diff('day', DATE '{first}', CAST({instance}.scoreDate AS DATE)) // 7)::TINYINT AS run,
                         {instance}.score AS score, {instance}.probability AS probability, {instance}.percentileScore AS percentile
                  FROM read_parquet([{list}])) s
            LEFT JOIN read_parquet('{attributes.Replace("'", "''", StringComparison.Ordinal)}') a ON a.personId = s.person
            """);
        return engine;
    }

    /// <summary>Uses this variant for its workload from now on.</summary>
    public void Choose(DuckDbQuery query) => _chosen[query.Workload] = query;

    /// <summary>The variant in use for a workload.</summary>
    public DuckDbQuery Variant(Workload workload) => _chosen[workload];

    public RaceAnswer Run(Workload workload, int threads) => Run(_chosen[workload], threads);

    /// <summary>Runs one variant.</summary>
    public RaceAnswer Run(DuckDbQuery query, int threads)
    {
        if (threads != _threads)
        {
            Execute(string.Create(CultureInfo.InvariantCulture, $"SET threads = {threads}"));
            _threads = threads;
        }

        using var command = _connection.CreateCommand();
        command.CommandText = query.Sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return query.Answer(rows, _runs);
    }

    /// <summary>Reads one number (e.g. a row count).</summary>
    public long Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
