using System.Text;
using CaiScores.Columnar;

namespace CaiScores.Tests.Columnar;

public sealed class StringDictionaryTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(17)]
    [InlineData(1_000)]
    [InlineData(100_003)]
    public void Ids_are_dense_in_order_of_first_appearance_at_every_growth_step(int distinct)
    {
        var dictionary = new StringDictionary(4);
        var strings = Enumerable.Range(0, distinct).Select(i => i % 3 == 0 ? $"ecid-{i}" : $"code with ünïcödé {i} {new string('x', i % 40)}").ToArray();
        foreach (var s in strings.Concat(strings.Reverse()))
        {
            _ = dictionary.GetOrAdd(s);
        }

        dictionary.Freeze();
        Assert.Equal(distinct, dictionary.Count);
        for (var i = 0; i < distinct; i++)
        {
            Assert.Equal(i, dictionary.IndexOf(strings[i]));
            Assert.Equal(i, dictionary.IndexOf(Encoding.UTF8.GetBytes(strings[i])));
            Assert.Equal(strings[i], dictionary[i]);
        }

        Assert.Equal(-1, dictionary.IndexOf("absent"));
        Assert.Equal(-1, dictionary.IndexOf((string?)null));
        Assert.Equal(strings, dictionary);
        var arrow = dictionary.ToArrowArray();
        Assert.Equal(strings, Enumerable.Range(0, arrow.Length).Select(i => arrow.GetString(i)));
    }

    [Fact]
    public void Strings_that_differ_in_one_byte_anywhere_are_distinct()
    {
        var dictionary = new StringDictionary();
        var baseline = new string('a', 64);
        for (var i = 0; i < 64; i++)
        {
            var chars = baseline.ToCharArray();
            chars[i] = 'b';
            Assert.Equal(i, dictionary.GetOrAdd(new string(chars)));
        }

        Assert.Equal(64, dictionary.GetOrAdd(baseline));
        Assert.Equal(65, dictionary.GetOrAdd(string.Empty));
        Assert.Equal(65, dictionary.IndexOf(string.Empty));
    }

    [Fact]
    public void Invalid_utf8_is_refused_not_replaced()
    {
        var dictionary = new StringDictionary();
        Assert.Throws<DecoderFallbackException>(() => dictionary.GetOrAdd([0x61, 0x80]));
        Assert.Empty(dictionary);
    }

    [Fact]
    public void A_frozen_dictionary_refuses_additions_and_bad_indexes_are_named()
    {
        var dictionary = new StringDictionary();
        dictionary.GetOrAdd("a");
        dictionary.Freeze();
        Assert.Throws<InvalidOperationException>(() => dictionary.GetOrAdd("b"));
        Assert.Equal(0, dictionary.GetOrAdd("a"));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => dictionary[1]);
        Assert.Equal("index", e.ParamName);
    }
}
