using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace CaiScores.Internal;

/// <summary>
/// Turns UTF-8 bytes into strings, returning the same instance for repeated text (factor codes, values, namespaces,
/// score dates). Invalid UTF-8 throws <see cref="DecoderFallbackException"/>. Bounded: after <c>capacity</c> distinct strings it allocates instead of remembering. Not thread-safe.
/// </summary>
internal sealed class Utf8StringPool
{
    /// <summary>Throws <see cref="DecoderFallbackException"/> on invalid bytes instead of writing U+FFFD.</summary>
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private const int MaxPooledLength = 256;
    private readonly Entry[] _table;
    private readonly int _mask;
    private readonly int _capacity;
    private int _count;

    public Utf8StringPool(int capacity)
    {
        _capacity = capacity;
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        _table = new Entry[size];
        _mask = size - 1;
    }

    public int Count => _count;

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        if (utf8.Length > MaxPooledLength)
        {
            return Strict.GetString(utf8);
        }

        var hash = Hash(utf8);
        var index = hash & _mask;
        while (true)
        {
            ref var entry = ref _table[index];
            if (entry.Value is null)
            {
                var value = Strict.GetString(utf8);
                if (_count < _capacity)
                {
                    entry = new Entry(hash, utf8.ToArray(), value);
                    _count++;
                }

                return value;
            }

            if (entry.Hash == hash && utf8.SequenceEqual(entry.Utf8))
            {
                return entry.Value;
            }

            index = (index + 1) & _mask;
        }
    }

    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        // O(1): the length and three 8-byte windows (start, middle, end), mixed. Keys that differ only elsewhere collide
        // and cost one extra comparison; generated factor codes and values differ near an end.
        ulong a, b, c;
        if (utf8.Length >= 8)
        {
            a = MemoryMarshal.Read<ulong>(utf8);
            b = MemoryMarshal.Read<ulong>(utf8.Slice((utf8.Length - 8) / 2));
            c = MemoryMarshal.Read<ulong>(utf8[^8..]);
        }
        else
        {
            a = 0;
            foreach (var x in utf8)
            {
                a = (a << 8) | x;
            }

            b = c = 0;
        }

        var h = (a * 0x9E3779B97F4A7C15UL) ^ BitOperations.RotateLeft(b * 0xC2B2AE3D27D4EB4FUL, 23) ^ BitOperations.RotateLeft(c * 0x165667B19E3779F9UL, 41) ^ (ulong)utf8.Length;
        h ^= h >> 29;
        return (int)(h ^ (h >> 32)) & int.MaxValue;
    }

    private readonly record struct Entry(int Hash, byte[] Utf8, string? Value);
}
