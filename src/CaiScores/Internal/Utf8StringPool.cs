using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace CaiScores.Internal;

/// <summary>
/// Turns UTF-8 bytes into strings, returning the same instance for repeated text (factor codes, values, namespaces,
/// score dates). Bounded: after <c>capacity</c> distinct strings it allocates instead of remembering. Not thread-safe.
/// </summary>
internal sealed class Utf8StringPool
{
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
            return Encoding.UTF8.GetString(utf8);
        }

        var hash = Hash(utf8);
        var index = hash & _mask;
        while (true)
        {
            ref var entry = ref _table[index];
            if (entry.Value is null)
            {
                var value = Encoding.UTF8.GetString(utf8);
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
        // FNV-1a over 8-byte words then the tail: fast for short keys, good enough with linear probing.
        ulong h = 14695981039346656037UL;
        var words = MemoryMarshal.Cast<byte, ulong>(utf8);
        foreach (var w in words)
        {
            h = (h ^ w) * 1099511628211UL;
        }

        foreach (var b in utf8[(words.Length * 8)..])
        {
            h = (h ^ b) * 1099511628211UL;
        }

        return (int)(h ^ (h >> 32)) & int.MaxValue;
    }

    private readonly record struct Entry(int Hash, byte[] Utf8, string? Value);
}
