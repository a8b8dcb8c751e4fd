using Apache.Arrow;
using Apache.Arrow.Types;

namespace CaiScores.Parquet.Reading;

/// <summary>The <c>identityMap</c> column of one batch taken apart once: namespaces, item lists, ids and primary flags.</summary>
internal readonly struct IdentityColumns
{
    public IdentityColumns(MapArray map)
    {
        Map = map;
        Keys = new Utf8Column(map.KeyValues.Fields[0]);
        ItemLists = (ListArray)map.KeyValues.Fields[1];
        var items = (StructArray)ItemLists.Values;
        var type = (StructType)items.Data.DataType;
        Ids = new Utf8Column(items.Fields[type.GetFieldIndex("id")]);
        var primary = type.GetFieldIndex("primary");
        Primary = primary >= 0 ? (BooleanArray)items.Fields[primary] : null;
    }

    public MapArray Map { get; }

    public Utf8Column Keys { get; }

    public ListArray ItemLists { get; }

    public Utf8Column Ids { get; }

    public BooleanArray? Primary { get; }
}
