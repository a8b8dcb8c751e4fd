namespace CaiScores.Analysis;

/// <summary>
/// Runs an aggregation over fixed chunks of the person index, each into its own state, and merges the states in chunk
/// order. The chunks do not depend on the degree of parallelism, so one thread and many give identical results, floating
/// point sums included.
/// </summary>
internal static class PersonChunks
{
    /// <summary>Persons per chunk: a multiple of 64, so a chunk starts on a bitmap word.</summary>
    public const int Size = 1 << 16;

    /// <summary>Aggregates persons <c>0…persons−1</c>.</summary>
    /// <param name="persons">The person count.</param>
    /// <param name="maxDegreeOfParallelism">1 for the calling thread only; more to use that many threads.</param>
    /// <param name="create">A new, empty state.</param>
    /// <param name="add">Adds persons <c>[from, from + count)</c> to a state.</param>
    /// <param name="merge">Merges the second state into the first.</param>
    public static TState Aggregate<TState>(int persons, int maxDegreeOfParallelism, Func<TState> create, Action<TState, int, int> add, Action<TState, TState> merge)
    {
        var chunks = Math.Max(1, (persons + Size - 1) / Size);
        if (chunks == 1 || maxDegreeOfParallelism <= 1)
        {
            var total = create();
            for (var c = 0; c < chunks; c++)
            {
                var from = c * Size;
                var count = Math.Min(Size, persons - from);
                if (c == 0)
                {
                    add(total, from, count);
                }
                else
                {
                    var part = create();
                    add(part, from, count);
                    merge(total, part);
                }
            }

            return total;
        }

        // Chunks finish out of order; each is merged as soon as all the chunks before it are, so that few states are
        // alive at once and the merge order is the chunk order whatever the thread count.
        var states = new TState[chunks];
        var done = new bool[chunks];
        var gate = new object();
        var next = 1;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, c =>
        {
            var state = create();
            var from = c * Size;
            add(state, from, Math.Min(Size, persons - from));
            lock (gate)
            {
                states[c] = state;
                done[c] = true;
                while (next < chunks && done[next] && done[0])
                {
                    merge(states[0], states[next]);
                    states[next] = default!;
                    next++;
                }
            }
        });

        return states[0];
    }

    /// <summary>Checks a degree of parallelism option.</summary>
    public static int CheckDegree(int maxDegreeOfParallelism, string parameter) =>
        maxDegreeOfParallelism >= 1
            ? maxDegreeOfParallelism
            : throw new ArgumentOutOfRangeException(parameter, maxDegreeOfParallelism, "The degree of parallelism is at least 1 (1 = the calling thread only).");
}
