using System.Numerics;
using System.Runtime.InteropServices;
using Apache.Arrow;
using CaiScores.Columnar;
using CaiScores.Internal;
using CaiScores.Kernels;

namespace CaiScores.Segments;

/// <summary>
/// An immutable set of persons of one <see cref="ScoreTable"/>, as a bitmap over its dense person index: what a
/// <see cref="Segment"/> evaluates to, and what every analysis filters by.
/// </summary>
/// <remarks>
/// <para>Set algebra (<see cref="And"/>, <see cref="Or"/>, <see cref="AndNot"/>, <see cref="Not"/>) runs a word at a time
/// over the bitmaps. Two sets combine only when they have the same <see cref="Universe"/> (the same table's person count).</para>
/// <para>The bitmap is Arrow's layout (least significant bit first), so <see cref="ToArrowArray"/> shares it without copying.</para>
/// </remarks>
public sealed class PersonSet : IEquatable<PersonSet>
{
    private readonly ulong[] _words; // WordLength(Universe) words; bits at or past Universe are always clear

    internal PersonSet(ulong[] words, int universe)
    {
        _words = words;
        Universe = universe;
        Count = (int)BitmapKernels.PopCount(words.AsSpan(0, BitmapKernels.WordLength(universe)));
    }

    /// <summary>The number of persons the set is drawn from (the table's person count).</summary>
    public int Universe { get; }

    /// <summary>The number of persons in the set.</summary>
    public int Count { get; }

    /// <summary>The set as a bitmap (Arrow layout: bit <c>p</c> is bit <c>p % 8</c> of byte <c>p / 8</c>).</summary>
    public ReadOnlySpan<byte> Bitmap => MemoryMarshal.AsBytes(_words.AsSpan())[..Bitmaps.ByteLength(Universe)];

    internal ReadOnlySpan<ulong> Words => _words;

    /// <summary>No person of a universe of <paramref name="universe"/>.</summary>
    /// <param name="universe">The person count.</param>
    public static PersonSet None(int universe) => new(new ulong[BitmapKernels.WordLength(CheckUniverse(universe))], universe);

    /// <summary>Every person of a universe of <paramref name="universe"/>.</summary>
    /// <param name="universe">The person count.</param>
    public static PersonSet All(int universe)
    {
        var words = new ulong[BitmapKernels.WordLength(CheckUniverse(universe))];
        words.AsSpan().Fill(ulong.MaxValue);
        ClearTail(words, universe);
        return new PersonSet(words, universe);
    }

    /// <summary>The persons whose bit is set in an Arrow-layout bitmap.</summary>
    /// <param name="bitmap">At least <c>(universe + 7) / 8</c> bytes; bits past the universe are ignored.</param>
    /// <param name="universe">The person count.</param>
    /// <exception cref="ArgumentException">The bitmap is too short.</exception>
    public static PersonSet FromBitmap(ReadOnlySpan<byte> bitmap, int universe)
    {
        CheckUniverse(universe);
        var byteLength = Bitmaps.ByteLength(universe);
        if (bitmap.Length < byteLength)
        {
            throw new ArgumentException($"A bitmap of {universe} persons needs {byteLength} bytes; {bitmap.Length} were given.", nameof(bitmap));
        }

        var words = new ulong[BitmapKernels.WordLength(universe)];
        bitmap[..byteLength].CopyTo(MemoryMarshal.AsBytes(words.AsSpan()));
        ClearTail(words, universe);
        return new PersonSet(words, universe);
    }

    /// <summary>The persons with these indexes.</summary>
    /// <param name="persons">Person indexes in 0…<paramref name="universe"/>−1 (repeats allowed).</param>
    /// <param name="universe">The person count.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the universe.</exception>
    public static PersonSet FromIndexes(IEnumerable<int> persons, int universe)
    {
        ArgumentNullException.ThrowIfNull(persons);
        var words = new ulong[BitmapKernels.WordLength(CheckUniverse(universe))];
        foreach (var p in persons)
        {
            if ((uint)p >= (uint)universe)
            {
                throw new ArgumentOutOfRangeException(nameof(persons), p, $"Person indexes must be in 0…{universe - 1}.");
            }

            words[p >> 6] |= 1UL << (p & 63);
        }

        return new PersonSet(words, universe);
    }

    /// <summary>Whether the person is in the set (false for an index outside the universe).</summary>
    /// <param name="person">The person index.</param>
    public bool Contains(int person) => (uint)person < (uint)Universe && (_words[person >> 6] & (1UL << (person & 63))) != 0;

    /// <summary>The persons in both sets.</summary>
    /// <param name="other">A set of the same universe.</param>
    public PersonSet And(PersonSet other) => Combine(other, BitmapKernels.And);

    /// <summary>The persons in either set.</summary>
    /// <param name="other">A set of the same universe.</param>
    public PersonSet Or(PersonSet other) => Combine(other, BitmapKernels.Or);

    /// <summary>The persons in this set and not in <paramref name="other"/>.</summary>
    /// <param name="other">A set of the same universe.</param>
    public PersonSet AndNot(PersonSet other) => Combine(other, BitmapKernels.AndNot);

    /// <summary>The persons of the universe not in this set.</summary>
    public PersonSet Not() => All(Universe).AndNot(this);

    /// <summary>The person indexes in the set, ascending.</summary>
    public int[] ToIndexes()
    {
        var result = new int[Count];
        var n = 0;
        for (var w = 0; w < _words.Length; w++)
        {
            var word = _words[w];
            while (word != 0)
            {
                result[n++] = (w << 6) + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
            }
        }

        return result;
    }

    /// <summary>The person ids of the set, in index order.</summary>
    /// <param name="table">The table the set was evaluated on.</param>
    /// <exception cref="ArgumentException">The table's person count is not the set's universe.</exception>
    public IReadOnlyList<string> GetIds(ScoreTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Persons.Count != Universe)
        {
            throw new ArgumentException($"The set is drawn from {Universe} persons but {table.InstancePath} has {table.Persons.Count}.", nameof(table));
        }

        return System.Array.ConvertAll(ToIndexes(), p => table.Persons[p]);
    }

    /// <summary>The set as an Arrow boolean array of <see cref="Universe"/> values (no nulls), sharing this set's memory.</summary>
    public BooleanArray ToArrowArray() =>
        new(new ArrowBuffer(ArrayMemory<ulong>.Of(_words, _words.Length)), ArrowBuffer.Empty, Universe, 0, 0);

    /// <inheritdoc />
    public bool Equals(PersonSet? other) =>
        other is not null && other.Universe == Universe && _words.AsSpan().SequenceEqual(other._words);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PersonSet);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Universe);
        hash.AddBytes(MemoryMarshal.AsBytes(_words.AsSpan()));
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Count:N0} of {Universe:N0} persons";

    internal static PersonSet FromWords(ulong[] words, int universe)
    {
        ClearTail(words, universe);
        return new PersonSet(words, universe);
    }

    private PersonSet Combine(PersonSet other, BitmapOp op)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Universe != Universe)
        {
            throw new ArgumentException($"Sets of different tables cannot be combined: this one has {Universe} persons, the other {other.Universe}.", nameof(other));
        }

        var words = new ulong[_words.Length];
        op(_words, other._words, words);
        return new PersonSet(words, Universe);
    }

    private static void ClearTail(ulong[] words, int universe)
    {
        if ((universe & 63) != 0)
        {
            words[universe >> 6] &= (1UL << (universe & 63)) - 1;
        }

        words.AsSpan(BitmapKernels.WordLength(universe)).Clear();
    }

    private static int CheckUniverse(int universe) =>
        universe >= 0 ? universe : throw new ArgumentOutOfRangeException(nameof(universe), universe, "The universe is a person count, at least 0.");

    private delegate void BitmapOp(ReadOnlySpan<ulong> left, ReadOnlySpan<ulong> right, Span<ulong> destination);
}
