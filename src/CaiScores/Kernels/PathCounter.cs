using System.Runtime.CompilerServices;

namespace CaiScores.Kernels;

/// <summary>
/// Counts occurrences of integer keys (paths packed into a <see cref="ulong"/>): a dense array when the key space is small,
/// else an open-addressing table (linear probing, power-of-two capacity, grown at half load). Adding never allocates
/// except when the table grows; two counters of the same key space merge by adding counts. Knows nothing of flows or of
/// the table.
/// </summary>
internal sealed class PathCounter
{
    /// <summary>The largest key space counted in a dense array (8 bytes a key).</summary>
    public const ulong DenseLimit = 1 << 14;

    private const int InitialCapacity = 64;

    private readonly long[]? _dense;
    private ulong[] _keys = []; // key + 1; 0 = empty slot
    private long[] _counts = [];
    private int _used;
    private int _shift;

    /// <summary>A counter for keys <c>0 … keySpace − 1</c>.</summary>
    /// <param name="keySpace">The number of possible keys (at least 1); at most <see cref="ulong.MaxValue"/>.</param>
    /// <param name="dense">Null to choose by <see cref="DenseLimit"/>; true or false to force (tests).</param>
    public PathCounter(ulong keySpace, bool? dense = null)
    {
        KeySpace = keySpace == 0 ? 1 : keySpace;
        if (dense ?? KeySpace <= DenseLimit)
        {
            _dense = new long[checked((int)KeySpace)];
        }
        else
        {
            Resize(InitialCapacity);
        }
    }

    /// <summary>The number of possible keys.</summary>
    public ulong KeySpace { get; }

    /// <summary>Whether the counts are in a dense array.</summary>
    public bool IsDense => _dense is not null;

    /// <summary>Adds one to a key's count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Increment(ulong key)
    {
        if (_dense is { } dense)
        {
            dense[(int)key]++;
        }
        else
        {
            AddSparse(key, 1);
        }
    }

    /// <summary>Adds to a key's count.</summary>
    public void Add(ulong key, long count)
    {
        if (_dense is { } dense)
        {
            dense[checked((int)key)] += count;
        }
        else
        {
            AddSparse(key, count);
        }
    }

    /// <summary>Adds every count of <paramref name="other"/> (same key space) to this counter.</summary>
    public void Merge(PathCounter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.KeySpace != KeySpace)
        {
            throw new ArgumentException("The counters count different key spaces.", nameof(other));
        }

        foreach (var (key, count) in other.Entries())
        {
            Add(key, count);
        }
    }

    /// <summary>The keys with a non-zero count, in ascending key order.</summary>
    public List<(ulong Key, long Count)> Entries()
    {
        var entries = new List<(ulong Key, long Count)>();
        if (_dense is { } dense)
        {
            for (var k = 0; k < dense.Length; k++)
            {
                if (dense[k] != 0)
                {
                    entries.Add(((ulong)k, dense[k]));
                }
            }

            return entries;
        }

        for (var s = 0; s < _keys.Length; s++)
        {
            if (_keys[s] != 0 && _counts[s] != 0)
            {
                entries.Add((_keys[s] - 1, _counts[s]));
            }
        }

        entries.Sort((a, b) => a.Key.CompareTo(b.Key));
        return entries;
    }

    private void AddSparse(ulong key, long count)
    {
        var stored = key + 1;
        var mask = _keys.Length - 1;
        var slot = (int)((stored * 0x9E3779B97F4A7C15UL) >> _shift);
        while (true)
        {
            var k = _keys[slot];
            if (k == stored)
            {
                _counts[slot] += count;
                return;
            }

            if (k == 0)
            {
                _keys[slot] = stored;
                _counts[slot] = count;
                if (++_used * 2 > _keys.Length)
                {
                    Resize(_keys.Length * 2);
                }

                return;
            }

            slot = (slot + 1) & mask;
        }
    }

    private void Resize(int capacity)
    {
        var oldKeys = _keys;
        var oldCounts = _counts;
        _keys = new ulong[capacity];
        _counts = new long[capacity];
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
        _used = 0;
        for (var s = 0; s < oldKeys.Length; s++)
        {
            if (oldKeys[s] != 0)
            {
                AddSparse(oldKeys[s] - 1, oldCounts[s]);
            }
        }
    }
}
