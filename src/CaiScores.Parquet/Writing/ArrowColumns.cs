using Apache.Arrow;

namespace CaiScores.Parquet.Writing;

/// <summary>Arrow arrays and buffers built from plain values: nullable strings, doubles and ints, offsets, validity bitmaps.</summary>
internal static class ArrowColumns
{
    public static StringArray Strings(IEnumerable<string?> values)
    {
        var builder = new StringArray.Builder();
        foreach (var v in values)
        {
            if (v is null)
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(v);
            }
        }

        return builder.Build();
    }

    public static DoubleArray Doubles(IEnumerable<double?> values)
    {
        var builder = new DoubleArray.Builder();
        foreach (var v in values)
        {
            if (v is { } d)
            {
                builder.Append(d);
            }
            else
            {
                builder.AppendNull();
            }
        }

        return builder.Build();
    }

    public static Int32Array Ints(IEnumerable<int?> values)
    {
        var builder = new Int32Array.Builder();
        foreach (var v in values)
        {
            if (v is { } i)
            {
                builder.Append(i);
            }
            else
            {
                builder.AppendNull();
            }
        }

        return builder.Build();
    }

    public static ArrowBuffer Offsets(List<int> offsets)
    {
        var builder = new ArrowBuffer.Builder<int>(offsets.Count);
        builder.AppendRange(offsets);
        return builder.Build();
    }

    public static ArrowBuffer Bitmap(bool[] valid)
    {
        var builder = new ArrowBuffer.BitmapBuilder(valid.Length);
        foreach (var v in valid)
        {
            builder.Append(v);
        }

        return builder.Build();
    }
}
