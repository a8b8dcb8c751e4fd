using System.Buffers;
using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace CaiScores.Columnar;

/// <summary>
/// A dictionary of distinct strings with dense ids 0…<see cref="Count"/>−1 in order of first appearance: the person index
/// of a <see cref="ScoreTable"/>, and the dictionaries of factor codes, factor values and attribute values.
/// </summary>
/// <remarks>
/// Stored as Arrow stores a string column: one UTF-8 byte buffer and <see cref="Count"/>+1 offsets, so it is an Arrow
/// <c>StringArray</c> without a copy and costs about the text's own size. Looking up an id by its text is a hash probe on
/// the UTF-8 bytes (ordinal). The indexer materialises a string on first use and keeps it. Immutable once built; thread-safe
/// for reading.
/// </remarks>
public sealed class StringDictionary : IReadOnlyList<string>
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private byte[] _bytes;
    private int _byteCount;
    private int[] _offsets;
    private int _count;
    private long[] _slots; // (hash << 32) | (id + 1); 0 = empty. The hash beside the id saves a cache miss per probe.
    private int _mask;
    private string?[]? _strings;
    private bool _frozen;

    internal StringDictionary(int capacity = 16)
    {
        capacity = Math.Max(capacity, 4);
        _bytes = new byte[capacity * 16];
        _offsets = new int[capacity + 1];
        var slots = (int)BitOperations.RoundUpToPowerOf2((uint)capacity * 2);
        _slots = new long[slots];
        _mask = slots - 1;
    }

    /// <summary>An empty dictionary.</summary>
    public static StringDictionary Empty { get; } = new StringDictionary(4).Freeze();

    /// <summary>The number of distinct strings.</summary>
    public int Count => _count;

    /// <summary>The string with id <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id is not in 0…<see cref="Count"/>−1.</exception>
    public string this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The id must be in 0…{_count - 1}.");
            }

            var cache = _strings ??= new string?[_count];
            return cache[index] ??= Encoding.UTF8.GetString(GetUtf8(index));
        }
    }

    /// <summary>The UTF-8 bytes of the string with id <paramref name="index"/> (no allocation).</summary>
    public ReadOnlySpan<byte> GetUtf8(int index) => _bytes.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);

    /// <summary>The id of <paramref name="value"/> (ordinal comparison), or −1 when it is not in the dictionary.</summary>
    public int IndexOf(string? value) => value is null ? -1 : Find(value, add: false);

    /// <summary>The id of the string with these UTF-8 bytes, or −1.</summary>
    public int IndexOf(ReadOnlySpan<byte> utf8)
        => Probe(utf8, Hash(utf8), out _);

    /// <summary>The id of the string with these bytes, or −1 with <paramref name="slot"/> the empty slot where it would go.</summary>
    private int Probe(ReadOnlySpan<byte> utf8, int hash, out int slot)
    {
        slot = hash & _mask;
        while (true)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                return -1;
            }

            var id = (int)entry - 1;
            if ((int)(entry >>> 32) == hash && GetUtf8(id).SequenceEqual(utf8))
            {
                return id;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>The byte offsets of each string in <see cref="Utf8Bytes"/> (<see cref="Count"/>+1 values), as Arrow lays them out.</summary>
    public ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, _count + 1);

    /// <summary>All strings' UTF-8 bytes, back to back.</summary>
    public ReadOnlySpan<byte> Utf8Bytes => _bytes.AsSpan(0, _byteCount);

    /// <summary>The bytes this dictionary holds (text, offsets, hashes and lookup table).</summary>
    public long ResidentBytes => _bytes.LongLength + (_offsets.LongLength * 4) + (_slots.LongLength * 8);

    /// <summary>The dictionary as an Arrow string array sharing its memory.</summary>
    public Apache.Arrow.StringArray ToArrowArray() => new(
        _count,
        new Apache.Arrow.ArrowBuffer(Internal.ArrayMemory<int>.Of(_offsets, _count + 1)),
        new Apache.Arrow.ArrowBuffer(Internal.ArrayMemory<byte>.Of(_bytes, _byteCount)),
        Apache.Arrow.ArrowBuffer.Empty,
        nullCount: 0);

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The id of the string with these bytes, adding it when new. Invalid UTF-8 throws <see cref="DecoderFallbackException"/>.</summary>
    internal int GetOrAdd(ReadOnlySpan<byte> utf8)
    {
        var hash = Hash(utf8);
        var existing = Probe(utf8, hash, out var slot);
        if (existing >= 0)
        {
            return existing;
        }

        if (!Utf8.IsValid(utf8))
        {
            _ = Strict.GetCharCount(utf8); // throws, naming the bad bytes
        }

        return Add(utf8, hash, slot);
    }

    internal int GetOrAdd(string value) => Find(value, add: true);

    /// <summary>Looks a string up (or adds it) by its UTF-8 bytes, encoded on the stack when short.</summary>
    private int Find(string value, bool add)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        var buffer = max <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var utf8 = buffer[..Encoding.UTF8.GetBytes(value, buffer)];
            return add ? GetOrAdd(utf8) : IndexOf(utf8);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private int Add(ReadOnlySpan<byte> utf8, int hash, int slot)
    {
        if (_frozen)
        {
            throw new InvalidOperationException("The dictionary is frozen.");
        }

        if (_count + 1 == _offsets.Length)
        {
            Array.Resize(ref _offsets, (_offsets.Length * 2) - 1);
        }

        if (_byteCount + utf8.Length > _bytes.Length)
        {
            var size = Math.Max((long)_bytes.Length * 2, (long)_byteCount + utf8.Length);
            if (size > Array.MaxLength)
            {
                throw new InvalidOperationException("A string dictionary cannot hold more than 2 GB of text.");
            }

            Array.Resize(ref _bytes, (int)size);
        }

        var id = _count++;
        utf8.CopyTo(_bytes.AsSpan(_byteCount));
        _byteCount += utf8.Length;
        _offsets[id + 1] = _byteCount;
        _slots[slot] = ((long)hash << 32) | (uint)(id + 1);
        if (_count * 2 > _slots.Length)
        {
            Rehash(_slots.Length * 2);
        }

        return id;
    }

    private void Rehash(int size)
    {
        var old = _slots;
        _slots = new long[size];
        _mask = size - 1;
        foreach (var entry in old)
        {
            if (entry == 0)
            {
                continue;
            }

            var slot = (int)(entry >>> 32) & _mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = entry;
        }
    }

    /// <summary>Trims the buffers to their contents and forbids further additions.</summary>
    internal StringDictionary Freeze()
    {
        if (!_frozen)
        {
            Array.Resize(ref _bytes, _byteCount);
            Array.Resize(ref _offsets, _count + 1);
            _frozen = true;
        }

        return this;
    }

    /// <summary>Builds a dictionary from the strings of an Arrow string array, in order; duplicates are an error.</summary>
    internal static StringDictionary FromUtf8(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> bytes, string what)
    {
        var count = offsets.Length - 1;
        var dictionary = new StringDictionary(Math.Max(count, 4));
        for (var i = 0; i < count; i++)
        {
            var text = bytes[offsets[i]..offsets[i + 1]];
            if (dictionary.GetOrAdd(text) != i)
            {
                throw new InvalidDataException($"The {what} dictionary holds '{Encoding.UTF8.GetString(text)}' twice.");
            }
        }

        return dictionary.Freeze();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Hash(ReadOnlySpan<byte> utf8)
    {
        // A multiply-rotate hash over 8-byte words (every byte counts), finished with a murmur-style mix.
        ulong h = 0x9E3779B97F4A7C15UL ^ (ulong)utf8.Length;
        var words = MemoryMarshal.Cast<byte, ulong>(utf8);
        foreach (var w in words)
        {
            h = BitOperations.RotateLeft((h ^ w) * 0xC2B2AE3D27D4EB4FUL, 29);
        }

        ulong tail = 0;
        var rest = utf8[(words.Length * 8)..];
        for (var i = 0; i < rest.Length; i++)
        {
            tail |= (ulong)rest[i] << (8 * i);
        }

        h = (h ^ tail) * 0x165667B19E3779F9UL;
        h ^= h >> 32;
        h *= 0xD6E8FEB86659FD93UL;
        h ^= h >> 32;
        return (int)h & int.MaxValue;
    }
}
