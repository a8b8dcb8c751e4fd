namespace CaiScores.Models;

/// <summary>One identity of a person in an XDM <c>identityMap</c> (<c>{ id, authenticatedState, primary }</c>).</summary>
public sealed record IdentityItem
{
    /// <summary>The identity value, e.g. an ECID. Never null; may be empty only if the source said so.</summary>
    public required string Id { get; init; }

    /// <summary>The authentication state. Default <see cref="AuthenticatedState.Ambiguous"/> (the XDM default).</summary>
    public AuthenticatedState AuthenticatedState { get; init; }

    /// <summary>Whether this is the primary identity. Default <see langword="false"/> (the XDM default).</summary>
    public bool Primary { get; init; }
}
