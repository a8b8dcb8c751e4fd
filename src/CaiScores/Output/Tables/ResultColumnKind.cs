namespace CaiScores.Output;

/// <summary>The type of the values of a <see cref="ResultColumn"/>. Every kind allows nulls.</summary>
public enum ResultColumnKind
{
    /// <summary>Text (labels, codes, names): <see cref="string"/>.</summary>
    String = 0,

    /// <summary>Whole numbers (counts, indexes): <see cref="long"/>.</summary>
    Int64 = 1,

    /// <summary>Real numbers (shares, rates, means, edges): <see cref="double"/>, NaN and infinities allowed.</summary>
    Double = 2,

    /// <summary>Calendar days (score dates, period starts): <see cref="DateOnly"/>.</summary>
    Date = 3,

    /// <summary>Flags: <see cref="bool"/>.</summary>
    Boolean = 4,

    /// <summary>Instants (outcome windows): <see cref="DateTimeOffset"/>, kept in UTC.</summary>
    Timestamp = 5,
}
