using Apache.Arrow;
using CaiScores.Models;
using static CaiScores.Columnar.Ipc.LoadProblem;

namespace CaiScores.Columnar.Ipc;

/// <summary>
/// The dictionaries of a loaded batch, checked before use: no nulls, offsets inside the buffer, and nothing
/// <see cref="StringDictionary.FromUtf8"/> rejects (a value twice); importances known by name.
/// </summary>
internal static class LayoutDictionaries
{
    public static Importance[] ImportanceMap(RecordBatch batch, int column, string source)
    {
        var dictionary = Strings((StringArray)((DictionaryArray)((StructArray)((ListArray)batch.Column(column)).Values).Fields[2]).Dictionary, source, "importance");
        var map = new Importance[dictionary.Count];
        for (var i = 0; i < map.Length; i++)
        {
            var index = System.Array.IndexOf(ScoreTableLayout.Importances, dictionary[i]);
            map[i] = index >= 0 ? (Importance)index : throw Bad(source, $"unknown importance '{dictionary[i]}'");
        }

        return map;
    }

    public static StringDictionary FactorDictionary(RecordBatch batch, int column, int field, string source, string what) =>
        Strings((StringArray)((DictionaryArray)((StructArray)((ListArray)batch.Column(column)).Values).Fields[field]).Dictionary, source, what);

    public static StringDictionary Dictionary(RecordBatch batch, int column, string source, string what) =>
        Strings((StringArray)((DictionaryArray)batch.Column(column)).Dictionary, source, what);

    public static StringDictionary Strings(StringArray array, string source, string what)
    {
        if (array.NullCount > 0)
        {
            throw Bad(source, $"the {what} dictionary holds a null");
        }

        // Offsets are checked before any string is read: Arrow's own accessors trust them, and a corrupt file could
        // make them point outside the buffer.
        var offsets = array.ValueOffsets;
        var bytes = array.Values.Length;
        for (var i = 0; i < offsets.Length; i++)
        {
            if (offsets[i] < 0 || offsets[i] > bytes || (i > 0 && offsets[i] < offsets[i - 1]))
            {
                throw Bad(source, $"the {what} dictionary's offsets are corrupt");
            }
        }

        try
        {
            return StringDictionary.FromUtf8(array.ValueOffsets, array.Values, what);
        }
        catch (InvalidDataException e)
        {
            throw Bad(source, e.Message);
        }
    }
}
