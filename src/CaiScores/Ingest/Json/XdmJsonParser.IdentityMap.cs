using System.Text.Json;
using CaiScores.Internal;
using CaiScores.Models;

namespace CaiScores.Ingest;

/// <summary>The identity map: namespaces to lists of identity items, read into a compact map.</summary>
internal sealed partial class XdmJsonParser
{
    private readonly List<IdentityItem> _identityScratch = new(4);
    private readonly List<string> _namespaceScratch = new(4);
    private readonly List<string> _seenNamespaces = new(4);
    private readonly List<IReadOnlyList<IdentityItem>> _identityListScratch = new(4);


    private IReadOnlyDictionary<string, IReadOnlyList<IdentityItem>> ReadIdentityMap(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return CaiScoreRecord.EmptyIdentityMap;
        }

        Expect(ref reader, JsonTokenType.StartObject, "an object of identity namespaces");
        _namespaceScratch.Clear();
        _seenNamespaces.Clear();
        _identityListScratch.Clear();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var ns = PropertyName(ref reader, pooled: true);
            PushName(ns);
            CheckUnique(_seenNamespaces, ns);
            reader.Read();
            if (reader.TokenType != JsonTokenType.Null)
            {
                Expect(ref reader, JsonTokenType.StartArray, "an array of identity items");
                _identityScratch.Clear();
                var index = 0;
                while (Next(ref reader) != JsonTokenType.EndArray)
                {
                    PushIndex(index++);
                    var item = ReadIdentityItem(ref reader);
                    if (item is not null)
                    {
                        _identityScratch.Add(item);
                    }

                    Pop();
                }

                _namespaceScratch.Add(ns);
                _identityListScratch.Add(_identityScratch.Count == 0 ? [] : _identityScratch.ToArray());
            }

            Pop();
        }

        return _namespaceScratch.Count == 0
            ? CaiScoreRecord.EmptyIdentityMap
            : new CompactIdentityMap(_namespaceScratch.ToArray(), _identityListScratch.ToArray());
    }

    private IdentityItem? ReadIdentityItem(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "an identity item { id, authenticatedState, primary }");
        string? id = null;
        var state = AuthenticatedState.Ambiguous;
        var primary = false;
        var seen = Seen.None;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            switch (XdmFields.Classify(ref reader))
            {
                case XdmField.ItemId:
                    Push("id", ref seen, Seen.Code, ref reader);
                    id = ReadOptionalString(ref reader, pooled: false);
                    break;
                case XdmField.AuthenticatedState:
                    Push("authenticatedState", ref seen, Seen.Value, ref reader);
                    state = ReadAuthenticatedState(ref reader);
                    break;
                case XdmField.Primary:
                    Push("primary", ref seen, Seen.Importance, ref reader);
                    primary = reader.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False or JsonTokenType.Null => false,
                        _ => throw Error($"expected true or false, found {Describe(ref reader)}"),
                    };
                    break;
                default:
                    SkipUnknown(ref reader);
                    break;
            }

            Pop();
        }

        if (string.IsNullOrEmpty(id))
        {
            _tally.IdentityItemsWithoutId++;
            return null;
        }

        return new IdentityItem { Id = id, AuthenticatedState = state, Primary = primary };
    }

    private AuthenticatedState ReadAuthenticatedState(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return AuthenticatedState.Ambiguous;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString()!;
            if (text.Equals("ambiguous", StringComparison.OrdinalIgnoreCase))
            {
                return AuthenticatedState.Ambiguous;
            }

            if (text.Equals("authenticated", StringComparison.OrdinalIgnoreCase))
            {
                return AuthenticatedState.Authenticated;
            }

            if (text.Equals("loggedOut", StringComparison.OrdinalIgnoreCase))
            {
                return AuthenticatedState.LoggedOut;
            }
        }

        throw Error($"expected \"ambiguous\", \"authenticated\" or \"loggedOut\", found {Describe(ref reader)}");
    }
}
