namespace CaiScores.Columnar.Ipc;

/// <summary>The two Arrow IPC formats.</summary>
public enum ArrowIpcFormat
{
    /// <summary>The random-access file format (<c>ARROW1</c> magic and footer), usually <c>.arrow</c> or <c>.feather</c>.</summary>
    File = 0,

    /// <summary>The streaming format (a sequence of messages), usually <c>.arrows</c>.</summary>
    Stream = 1,
}
