namespace CaiScores.Models;

/// <summary>
/// The XDM identity item's <c>authenticatedState</c>. JSON spellings: <c>ambiguous</c>, <c>authenticated</c>,
/// <c>loggedOut</c> (read case-insensitively).
/// </summary>
public enum AuthenticatedState
{
    /// <summary><c>ambiguous</c>, the XDM default when the field is absent.</summary>
    Ambiguous = 0,

    /// <summary><c>authenticated</c>.</summary>
    Authenticated = 1,

    /// <summary><c>loggedOut</c>.</summary>
    LoggedOut = 2,
}
