using CaiScores.Kernels;

namespace CaiScores.Tests.Kernels;

/// <summary>Reading an Arrow bitmap from any bit into words, near its end included.</summary>
public sealed class BitBlocksTests
{
    [Fact]
    public void Read64_reads_any_bit_position_and_zeros_past_the_end()
    {
        var random = new Random(1);
        foreach (var length in new[] { 0, 1, 7, 8, 9, 15, 16, 17, 33 })
        {
            var bitmap = new byte[length];
            random.NextBytes(bitmap);
            for (var bit = 0; bit <= (length * 8) + 70; bit++)
            {
                ulong expected = 0;
                for (var j = 0; j < 64; j++)
                {
                    var b = bit + j;
                    if (b < length * 8 && (bitmap[b >> 3] & (1 << (b & 7))) != 0)
                    {
                        expected |= 1UL << j;
                    }
                }

                Assert.Equal(expected, BitBlocks.Read64(bitmap, bit));
            }
        }
    }

    [Fact]
    public void Load_and_And_clear_the_bits_past_the_count()
    {
        var bitmap = Enumerable.Repeat((byte)0xFF, 40).ToArray();
        var words = new ulong[5];
        words.AsSpan().Fill(0xAAAA);
        BitBlocks.Load(bitmap, 3, 130, words);
        Assert.Equal([ulong.MaxValue, ulong.MaxValue, 3UL, 0xAAAA, 0xAAAA], words);
        bitmap[1] = 0; // bits 8…15: bits 5…12 of the block read from bit 3
        BitBlocks.And(bitmap, 3, 130, words);
        Assert.Equal(ulong.MaxValue & ~(0xFFUL << 5), words[0]);
        var filled = new ulong[3];
        BitBlocks.Fill(filled, 70);
        Assert.Equal([ulong.MaxValue, 63UL, 0UL], filled);
    }
}
