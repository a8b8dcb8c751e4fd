using System.Globalization;

namespace CaiScores.Benchmarks.Race;

/// <summary>One SQL variant of a workload and how its result rows become an answer.</summary>
internal sealed record DuckDbQuery(Workload Workload, string Name, string Sql, Func<IReadOnlyList<object?[]>, int, RaceAnswer> Answer);

/// <summary>
/// The SQL of each workload, with the alternatives tried (the race keeps the fastest). Bucket codes are computed from
/// comparisons (<c>(score &gt;= 25)::INT + (score &gt;= 75)::INT</c>) so ties at an edge go up, as in CJA; the 5-point bucket is
/// <c>least(floor(score / 5), 19)</c> (exact for these two-decimal scores; the answer check would catch any difference).
/// </summary>
internal static class DuckDbQueries
{
    private const string Cai = "((score >= 25)::INTEGER + (score >= 75)::INTEGER)";

    /// <summary>All variants for a table of <paramref name="runs"/> runs.</summary>
    public static IReadOnlyList<DuckDbQuery> All(int runs)
    {
        var last = runs - 1;
        var venn = RaceShape.VennRuns(runs);
        var (a, b, c) = (venn[0], venn[1], venn[2]);
        return
        [
            new(Workload.W1, "group by bucket", I($"SELECT least(floor(score / 5), 19)::INTEGER AS b, count(*), sum(score), min(score), max(score) FROM scores WHERE run = {last} GROUP BY b"), W1),
            new(Workload.W2, "FILTER counts", I($"SELECT run, tier, count(*), avg(score), count(*) FILTER (WHERE score < 25), count(*) FILTER (WHERE score >= 25 AND score < 75), count(*) FILTER (WHERE score >= 75) FROM scores GROUP BY run, tier"), W2Filter),
            new(Workload.W2, "group by bucket", I($"SELECT run, tier, {Cai} AS b, count(*), sum(score) FROM scores GROUP BY ALL"), W2Buckets),
            new(Workload.W3, "packed codes per person", I($"""
                WITH p AS (SELECT bit_or(({Cai} + 1) << (2 * run::INTEGER)) AS c FROM scores GROUP BY person)
                SELECT k, (c >> (2 * k)) & 3 AS f, (c >> (2 * k + 2)) & 3 AS t, count(*) FROM p, range(0, {last}) r(k) GROUP BY ALL
                """), W3),
            new(Workload.W3, "self FULL JOIN on run + 1", I($"""
                WITH s AS (SELECT person, run, {Cai} + 1 AS c FROM scores)
                SELECT coalesce(x.run, y.run - 1) AS k, coalesce(x.c, 0) AS f, coalesce(y.c, 0) AS t, count(*)
                FROM (SELECT * FROM s WHERE run < {last}) x FULL JOIN (SELECT * FROM s WHERE run > 0) y ON x.person = y.person AND y.run = x.run + 1
                GROUP BY ALL
                """), W3),
            new(Workload.W3, "window lead/lag", I($"""
                WITH x AS (SELECT run, c, lead(run) OVER w AS nr, lead(c) OVER w AS nc, lag(run) OVER w AS pr
                           FROM (SELECT person, run, {Cai} + 1 AS c FROM scores) WINDOW w AS (PARTITION BY person ORDER BY run))
                SELECT run AS k, c AS f, CASE WHEN nr = run + 1 THEN nc ELSE 0 END AS t, count(*) FROM x WHERE run < {last} GROUP BY ALL
                UNION ALL
                SELECT run - 1, 0, c, count(*) FROM x WHERE run > 0 AND (pr IS NULL OR pr <> run - 1) GROUP BY ALL
                """), W3),
            new(Workload.W4, "bit_or per person", I($"""
                SELECT m, count(*) FROM (SELECT bit_or(CASE run WHEN {a} THEN 1 WHEN {b} THEN 2 ELSE 4 END) AS m
                                         FROM scores WHERE run IN ({a}, {b}, {c}) AND score >= 75 GROUP BY person) GROUP BY m
                """), W4),
            new(Workload.W4, "three-way FULL JOIN", I($"""
                WITH a AS (SELECT person FROM scores WHERE run = {a} AND score >= 75),
                     b AS (SELECT person FROM scores WHERE run = {b} AND score >= 75),
                     c AS (SELECT person FROM scores WHERE run = {c} AND score >= 75)
                SELECT (a.person IS NOT NULL)::INTEGER + 2 * (b.person IS NOT NULL)::INTEGER + 4 * (c.person IS NOT NULL)::INTEGER AS m, count(*)
                FROM a FULL JOIN b ON a.person = b.person FULL JOIN c ON coalesce(a.person, b.person) = c.person GROUP BY m
                """), W4),
            new(Workload.W5, "scalar subquery", I($"SELECT q, (SELECT count(*) FROM scores WHERE run = {last} AND score >= q) FROM (SELECT quantile_disc(score, 0.8) AS q FROM scores WHERE run = {last})"), W5),
            new(Workload.W5, "cross join filter", I($"WITH t AS (SELECT quantile_disc(score, 0.8) AS q FROM scores WHERE run = {last}) SELECT any_value(q), count(*) FROM scores, t WHERE run = {last} AND score >= q"), W5),
        ];
    }

    private static string I(FormattableString sql) => sql.ToString(CultureInfo.InvariantCulture);

    private static long L(object? value) => value is null ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static double D(object? value) => value is null ? double.NaN : Convert.ToDouble(value, CultureInfo.InvariantCulture);

    private static int Tier(object? value) => Array.IndexOf(Data.SyntheticScores.Tiers, Convert.ToString(value, CultureInfo.InvariantCulture));

    private static RaceAnswer W1(IReadOnlyList<object?[]> rows, int runs)
    {
        var buckets = new long[20];
        long count = 0;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var row in rows)
        {
            buckets[L(row[0])] = L(row[1]);
            count += L(row[1]);
            sum += D(row[2]);
            min = Math.Min(min, D(row[3]));
            max = Math.Max(max, D(row[4]));
        }

        return RaceShape.W1(buckets, count, sum / count, min, max);
    }

    private static RaceAnswer W2Filter(IReadOnlyList<object?[]> rows, int runs)
    {
        var cells = new W2Cell[runs, 4];
        foreach (var row in rows)
        {
            cells[L(row[0]), Tier(row[1])] = new W2Cell(L(row[2]), D(row[3]), L(row[4]), L(row[5]), L(row[6]));
        }

        return RaceShape.W2(cells);
    }

    private static RaceAnswer W2Buckets(IReadOnlyList<object?[]> rows, int runs)
    {
        var counts = new long[runs, 4, 3];
        var sums = new double[runs, 4];
        foreach (var row in rows)
        {
            var (r, t) = (L(row[0]), Tier(row[1]));
            counts[r, t, L(row[2])] += L(row[3]);
            sums[r, t] += D(row[4]);
        }

        return RaceShape.W2(counts, sums);
    }

    /// <summary>Rows (pair k, from code, to code, count) with codes 1–3 the CAI buckets and 0 absent.</summary>
    private static RaceAnswer W3(IReadOnlyList<object?[]> rows, int runs)
    {
        var cells = new long[runs - 1, 3, 3];
        var entries = new long[runs - 1];
        var exits = new long[runs - 1];
        foreach (var row in rows)
        {
            var (k, f, t, n) = (L(row[0]), L(row[1]), L(row[2]), L(row[3]));
            if (f == 0 && t == 0)
            {
                continue;
            }

            if (f == 0)
            {
                entries[k] += n;
            }
            else if (t == 0)
            {
                exits[k] += n;
            }
            else
            {
                cells[k, f - 1, t - 1] += n;
            }
        }

        return RaceShape.W3(cells, entries, exits);
    }

    private static RaceAnswer W4(IReadOnlyList<object?[]> rows, int runs)
    {
        var regions = new long[8];
        foreach (var row in rows)
        {
            regions[L(row[0])] += L(row[1]);
        }

        return RaceShape.W4(regions);
    }

    private static RaceAnswer W5(IReadOnlyList<object?[]> rows, int runs) => RaceShape.W5(D(rows[0][0]), L(rows[0][1]));
}
