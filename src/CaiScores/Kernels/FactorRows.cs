namespace CaiScores.Kernels;

/// <summary>
/// One row per item over a block of items (one scoring run, say): item <c>first + i</c> is in group <c>Groups[i]</c> and has
/// the entries <c>Offsets[first + i]</c> to <c>Offsets[first + i + 1]</c> of <see cref="Codes"/>, <see cref="Importance"/>
/// and <see cref="Values"/>.
/// </summary>
internal readonly record struct FactorRows(byte[] Groups, int[] Offsets, int[] Codes, byte[] Importance, int[] Values);
