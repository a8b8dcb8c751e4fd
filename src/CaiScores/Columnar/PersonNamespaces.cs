using System.Text;

namespace CaiScores.Columnar;

/// <summary>
/// The identity namespace each person's id was taken from (<c>ECID</c>, <c>Email</c>, …): a short list of namespace codes
/// and a byte a person, 0 when the source did not say (a <see cref="Models.ScoreRecord"/> built in code without
/// <see cref="Models.ScoreRecord.IdentityNamespace"/>, or an Arrow file written before the column existed).
/// </summary>
/// <remarks>
/// A person's namespace is the one of the first record that gave their id; a table holds at most
/// <see cref="MaxNamespaces"/> namespaces, and the persons of any namespace past that are left unknown (AEP requires one
/// namespace for all of a Customer AI instance's input, so a table rarely holds more than one or two).
/// </remarks>
internal sealed class PersonNamespaces
{
    public const int MaxNamespaces = 255;

    private readonly string[] _names;
    private readonly byte[] _codes; // per person; 0 = unknown, else index + 1 into _names; may be shorter than the person count

    public PersonNamespaces(string[] names, byte[] codes)
    {
        _names = names;
        _codes = codes;
    }

    public static PersonNamespaces None { get; } = new([], []);

    /// <summary>The namespaces in code order (code 1 first).</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The codes a person (0 unknown); persons past its end are unknown.</summary>
    public ReadOnlySpan<byte> Codes => _codes;

    /// <summary>The namespace of a person, or null when unknown.</summary>
    public string? Of(int person) => (uint)person < (uint)_codes.Length && _codes[person] is var c and not 0 ? _names[c - 1] : null;

    /// <summary>Persons per code (index 0: unknown) over <paramref name="persons"/> persons.</summary>
    public long[] Count(int persons)
    {
        var counts = new long[_names.Length + 1];
        var known = Math.Min(persons, _codes.Length);
        foreach (var c in _codes.AsSpan(0, known))
        {
            counts[c]++;
        }

        counts[0] += persons - known;
        return counts;
    }
}

/// <summary>Records each new person's namespace while a table is built; UTF-8 namespaces are compared with the last one seen before any lookup.</summary>
internal sealed class PersonNamespacesBuilder
{
    private readonly List<string> _names = [];
    private readonly List<byte[]> _utf8 = [];
    private byte[] _codes = [];
    private int _last = -1; // index into _names of the last namespace seen

    /// <summary>Sets the person's namespace unless one is set already.</summary>
    public void Set(int person, ReadOnlySpan<byte> identityNamespace)
    {
        if (identityNamespace.IsEmpty || (person < _codes.Length && _codes[person] != 0))
        {
            return;
        }

        var code = _last >= 0 && _utf8[_last].AsSpan().SequenceEqual(identityNamespace) ? _last : Find(identityNamespace);
        if (code >= 0)
        {
            Store(person, code);
        }
    }

    /// <summary>Sets the person's namespace unless one is set already.</summary>
    public void Set(int person, string? identityNamespace)
    {
        if (string.IsNullOrEmpty(identityNamespace) || (person < _codes.Length && _codes[person] != 0))
        {
            return;
        }

        var code = _last >= 0 && _names[_last] == identityNamespace ? _last : Find(Encoding.UTF8.GetBytes(identityNamespace));
        if (code >= 0)
        {
            Store(person, code);
        }
    }

    public PersonNamespaces Build(int persons) =>
        _names.Count == 0 ? PersonNamespaces.None : new PersonNamespaces([.. _names], _codes.Length == persons ? _codes : _codes.AsSpan(0, Math.Min(persons, _codes.Length)).ToArray());

    private int Find(ReadOnlySpan<byte> utf8)
    {
        for (var i = 0; i < _utf8.Count; i++)
        {
            if (_utf8[i].AsSpan().SequenceEqual(utf8))
            {
                return _last = i;
            }
        }

        if (_names.Count == PersonNamespaces.MaxNamespaces)
        {
            return -1;
        }

        _utf8.Add(utf8.ToArray());
        _names.Add(Encoding.UTF8.GetString(utf8));
        return _last = _names.Count - 1;
    }

    private void Store(int person, int code)
    {
        if (person >= _codes.Length)
        {
            Array.Resize(ref _codes, Math.Max(person + 1, Math.Max(1024, _codes.Length * 2)));
        }

        _codes[person] = (byte)(code + 1);
    }
}
