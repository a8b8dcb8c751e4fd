using System.Collections;

namespace CaiScores.Columnar;

/// <summary>The person attributes of a <see cref="ScoreTable"/>, in ordinal order of their names.</summary>
public sealed class PersonAttributes : IReadOnlyList<PersonAttribute>
{
    private readonly PersonAttribute[] _attributes;

    internal PersonAttributes(PersonAttribute[] attributes) => _attributes = attributes;

    /// <summary>No attributes.</summary>
    public static PersonAttributes None { get; } = new([]);

    /// <inheritdoc />
    public int Count => _attributes.Length;

    /// <inheritdoc />
    public PersonAttribute this[int index] => _attributes[index];

    /// <summary>The attribute with this name.</summary>
    /// <exception cref="KeyNotFoundException">No such attribute; the message lists the ones there are.</exception>
    public PersonAttribute this[string name] => Find(name)
        ?? throw new KeyNotFoundException($"No person attribute '{name}'; the table has {(Count == 0 ? "none" : string.Join(", ", _attributes.Select(a => a.Name)))}.");

    /// <summary>The attribute with this name, or null.</summary>
    /// <param name="name">The name (ordinal).</param>
    public PersonAttribute? Find(string name) => Array.Find(_attributes, a => a.Name == name);

    /// <inheritdoc />
    public IEnumerator<PersonAttribute> GetEnumerator() => ((IEnumerable<PersonAttribute>)_attributes).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
