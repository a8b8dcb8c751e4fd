namespace CaiScores.Ingest;

internal enum FrameStatus
{
    Record,
    NeedMoreData,
    Invalid,
    End,
}

/// <summary>A complete record (or, for <see cref="FrameStatus.Invalid"/>, a problem) and the 1-based line it starts on.</summary>
internal readonly record struct Frame(ReadOnlyMemory<byte> Json, long Line, string? Problem);
