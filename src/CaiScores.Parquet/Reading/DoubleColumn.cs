using Apache.Arrow;

namespace CaiScores.Parquet.Reading;

/// <summary>A double or float column of one batch, its type and null count looked at once rather than per row.</summary>
internal readonly struct DoubleColumn
{
    private readonly DoubleArray? _doubles;
    private readonly FloatArray? _floats;
    private readonly bool _allValid;

    public DoubleColumn(IArrowArray? array)
    {
        _doubles = array as DoubleArray;
        _floats = array as FloatArray;
        _allValid = array is not null && array.NullCount == 0;
    }

    public double? Get(int row)
    {
        if (_doubles is { } d)
        {
            return _allValid || d.IsValid(row) ? d.Values[row] : null;
        }

        if (_floats is { } f)
        {
            return _allValid || f.IsValid(row) ? f.Values[row] : null;
        }

        return null;
    }
}
