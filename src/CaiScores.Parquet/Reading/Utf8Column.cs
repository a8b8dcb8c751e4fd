using Apache.Arrow;

namespace CaiScores.Parquet.Reading;

/// <summary>
/// A string column of one batch, read either plainly or dictionary-encoded (ParquetSharp's <c>read_dictionary</c>): the
/// hot loop asks for a row's dictionary index, and maps it once per distinct value through a <see cref="DictionaryCache{T}"/>.
/// </summary>
internal readonly struct Utf8Column
{
    private readonly StringArray? _plain;
    private readonly Int32Array? _indices;
    private readonly StringArray? _dictionary;
    private readonly IArrowArray _array;
    private readonly bool _allValid;

    public Utf8Column(IArrowArray array)
    {
        _array = array;
        _allValid = array.NullCount == 0;
        if (array is DictionaryArray dictionary)
        {
            _indices = (Int32Array)dictionary.Indices;
            _dictionary = (StringArray)dictionary.Dictionary;
        }
        else
        {
            _plain = (StringArray)array;
        }
    }

    public bool IsDictionary => _dictionary is not null;

    public StringArray? Dictionary => _dictionary;

    public bool IsNull(int row) => !_allValid && _array.IsNull(row);

    /// <summary>The row's dictionary index (dictionary-encoded columns only).</summary>
    public int Index(int row) => _indices!.Values[row];

    /// <summary>The row's UTF-8 bytes (either encoding).</summary>
    public ReadOnlySpan<byte> Bytes(int row) => _plain is not null ? _plain.GetBytes(row) : _dictionary!.GetBytes(_indices!.Values[row]);
}

/// <summary>A mapping of UTF-8 bytes to a value.</summary>
internal delegate T Utf8Map<T>(ReadOnlySpan<byte> utf8);

/// <summary>
/// Maps each entry of a column's dictionary once per row group. ParquetSharp hands every batch a fresh dictionary object,
/// but within a row group its entries keep their positions (new ones are only appended), so mappings carry over between
/// batches and are dropped at the next row group, whose dictionary is a different one.
/// </summary>
internal sealed class DictionaryCache<T>(Utf8Map<T> map)
{
    private T[] _values = new T[64];
    private int _filled;
    private StringArray? _seen;
    private byte[] _prefix = [];
    private int _prefixLength;

    public void Reset() => _filled = 0;

    public T Get(in Utf8Column column, int row)
    {
        if (!column.IsDictionary)
        {
            return map(column.Bytes(row));
        }

        var index = column.Index(row);
        if (index >= _filled || !ReferenceEquals(column.Dictionary, _seen))
        {
            EnsureMapped(column.Dictionary!);
        }

        return _values[index];
    }

    /// <summary>Every entry of a dictionary-encoded column's dictionary, mapped: index it with <see cref="Utf8Column.Index"/>.</summary>
    public T[] MapAll(in Utf8Column column)
    {
        EnsureMapped(column.Dictionary!);
        return _values;
    }

    private void EnsureMapped(StringArray dictionary)
    {
        if (!ReferenceEquals(dictionary, _seen))
        {
            // A new dictionary object: keep the mappings only if it starts with the entries already mapped.
            _seen = dictionary;
            if (_filled > 0 && (dictionary.Length < _filled || !dictionary.Values[dictionary.ValueOffsets[0]..dictionary.ValueOffsets[_filled]].SequenceEqual(_prefix.AsSpan(0, _prefixLength))))
            {
                _filled = 0;
            }
        }

        if (dictionary.Length <= _filled)
        {
            return;
        }

        if (dictionary.Length > _values.Length)
        {
            System.Array.Resize(ref _values, Math.Max(dictionary.Length, _values.Length * 2));
        }

        for (var i = _filled; i < dictionary.Length; i++)
        {
            _values[i] = map(dictionary.GetBytes(i));
        }

        _filled = dictionary.Length;
        var used = dictionary.Values[dictionary.ValueOffsets[0]..dictionary.ValueOffsets[_filled]];
        _prefixLength = used.Length;
        if (_prefix.Length < _prefixLength)
        {
            _prefix = new byte[Math.Max(_prefixLength, _prefix.Length * 2)];
        }

        used.CopyTo(_prefix);
    }
}
