using CaiScores.Segments;
using CsCheck;

namespace CaiScores.Tests.Segments;

public sealed class PersonSetTests
{
    [Fact]
    public void Set_algebra_equals_hash_set_algebra()
    {
        Gen.Int[0, 300].SelectMany(n => Gen.Int[0, Math.Max(0, n - 1)].Array[0, 200].Select(a => (n, a)))
            .SelectMany(t => Gen.Int[0, Math.Max(0, t.n - 1)].Array[0, 200].Select(b => (t.n, A: t.a, B: b)))
            .Sample(t =>
            {
                var (n, a, b) = t;
                if (n == 0)
                {
                    (a, b) = ([], []);
                }

                var x = PersonSet.FromIndexes(a, n);
                var y = PersonSet.FromIndexes(b, n);
                var hx = a.ToHashSet();
                var hy = b.ToHashSet();
                Assert.Equal(hx.Order(), x.ToIndexes());
                Assert.Equal(hx.Intersect(hy).Order(), x.And(y).ToIndexes());
                Assert.Equal(hx.Union(hy).Order(), x.Or(y).ToIndexes());
                Assert.Equal(hx.Except(hy).Order(), x.AndNot(y).ToIndexes());
                Assert.Equal(Enumerable.Range(0, n).Except(hx), x.Not().ToIndexes());
                Assert.Equal(n, x.Or(x.Not()).Count);
                Assert.Equal(x, PersonSet.FromBitmap(x.Bitmap, n));
            }, iter: 200);
    }

    [Fact]
    public void The_arrow_view_and_the_bitmap_agree()
    {
        var set = PersonSet.FromIndexes([0, 3, 64, 69], 70);
        var array = set.ToArrowArray();
        Assert.Equal(70, array.Length);
        Assert.Equal([0, 3, 64, 69], Enumerable.Range(0, 70).Where(i => array.GetValue(i) == true));
        Assert.Equal(9, set.Bitmap.Length);
        Assert.Equal(4, set.Count);
        Assert.True(set.Contains(69));
        Assert.False(set.Contains(70));
        Assert.False(set.Contains(-1));
        Assert.Equal(70, PersonSet.All(70).Count);
        Assert.Equal(0, PersonSet.None(70).Count);
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PersonSet.FromIndexes([5], 5));
        Assert.Throws<ArgumentException>(() => PersonSet.FromBitmap(new byte[1], 9));
        Assert.Throws<ArgumentException>(() => PersonSet.All(3).And(PersonSet.All(4)));
    }
}
