using CaiScores.Kernels;

namespace CaiScores.Tests.Kernels;

public sealed class PathCounterTests
{
    public static TheoryData<int> Lengths => [.. Enumerable.Range(0, 257).Concat([32_767, 32_768, 1_000_003])]; // 0..256 include the 255 and 256 boundaries

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Dense_and_sparse_counts_equal_a_dictionary(int length)
    {
        var random = new Random(length);
        foreach (var keySpace in new ulong[] { 1, 7, 4096, PathCounter.DenseLimit, 1UL << 40 })
        {
            // Few distinct keys (as paths are) and, for the large spaces, many distinct ones too.
            var distinct = length % 3 == 0 ? Math.Max(1, length) : 17;
            var pool = Enumerable.Range(0, distinct).Select(_ => (ulong)(random.NextDouble() * keySpace) % keySpace).ToArray();
            var expected = new Dictionary<ulong, long>();
            var dense = keySpace <= PathCounter.DenseLimit ? new PathCounter(keySpace, dense: true) : null;
            var sparse = new PathCounter(keySpace, dense: false);
            for (var i = 0; i < length; i++)
            {
                var key = pool[random.Next(pool.Length)];
                expected[key] = expected.GetValueOrDefault(key) + 1;
                dense?.Increment(key);
                sparse.Increment(key);
            }

            var sorted = expected.OrderBy(e => e.Key).Select(e => (e.Key, e.Value)).ToList();
            Assert.Equal(sorted, sparse.Entries());
            Assert.False(sparse.IsDense);
            if (dense is not null)
            {
                Assert.Equal(sorted, dense.Entries());
                Assert.True(dense.IsDense);
            }
        }
    }

    [Fact]
    public void Merging_adds_counts_and_needs_the_same_key_space()
    {
        foreach (var dense in new[] { true, false })
        {
            var a = new PathCounter(100, dense);
            var b = new PathCounter(100, !dense);
            a.Increment(3);
            a.Add(99, 5);
            b.Increment(3);
            b.Add(0, 2);
            a.Merge(b);
            Assert.Equal([(0UL, 2L), (3UL, 2L), (99UL, 5L)], a.Entries());
            Assert.Throws<ArgumentException>(() => a.Merge(new PathCounter(101)));
        }

        Assert.True(new PathCounter(PathCounter.DenseLimit).IsDense);
        Assert.False(new PathCounter(PathCounter.DenseLimit + 1).IsDense);
        Assert.Equal(1UL, new PathCounter(0).KeySpace);
    }
}
