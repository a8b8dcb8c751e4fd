namespace CaiScores.Ingest;

/// <summary>
/// Picks a person id from an identity map offered item by item as UTF-8 bytes, by the same CJA rules as
/// <see cref="ScoreNormalizer"/> (see <see cref="CaiScoresOptions.IdentityNamespace"/>): for columnar sources that hold the map
/// as arrays and should not build strings per row. Reusable: call <see cref="Reset"/> before each row. Not thread-safe.
/// </summary>
/// <remarks>
/// Items with an empty id are ignored. With no namespace configured: a single usable item is the person; otherwise the
/// namespaces holding a primary item are compared ordinally (by UTF-8 bytes, which orders ASCII namespace codes as
/// <see cref="string.CompareOrdinal(string, string)"/> does) and the first one's first primary id wins; several items and none
/// primary give no id. With a namespace: its first usable id (exact, case-sensitive match).
/// </remarks>
public sealed class PersonIdSelector
{
    private readonly byte[]? _namespace;
    private byte[] _single = new byte[64];
    private int _singleLength;
    private byte[] _singleNamespace = new byte[32];
    private int _singleNamespaceLength;
    private int _usable;
    private int _offered;
    private byte[] _bestNamespace = new byte[32];
    private int _bestNamespaceLength = -1;
    private byte[] _best = new byte[64];
    private int _bestLength;

    /// <summary>Creates a selector.</summary>
    /// <param name="identityNamespace">The namespace to take the id from; null for "use the primary identity".</param>
    public PersonIdSelector(string? identityNamespace)
    {
        _namespace = identityNamespace is null ? null : System.Text.Encoding.UTF8.GetBytes(identityNamespace);
    }

    /// <summary>Forgets the items of the previous row.</summary>
    public void Reset()
    {
        _usable = 0;
        _offered = 0;
        _bestNamespaceLength = -1;
        _singleLength = 0;
        _bestLength = 0;
    }

    /// <summary>Offers one identity item, in map order.</summary>
    /// <param name="identityNamespace">The item's namespace code, UTF-8.</param>
    /// <param name="id">The item's id, UTF-8; empty means no id (ignored).</param>
    /// <param name="primary">The item's <c>primary</c> flag.</param>
    public void Offer(ReadOnlySpan<byte> identityNamespace, ReadOnlySpan<byte> id, bool primary)
    {
        _offered++;
        if (id.IsEmpty)
        {
            return;
        }

        if (_namespace is not null)
        {
            if (_usable == 0 && identityNamespace.SequenceEqual(_namespace))
            {
                Copy(id, ref _best, out _bestLength);
                _usable = 1;
            }

            return;
        }

        if (++_usable == 1)
        {
            Copy(id, ref _single, out _singleLength);
            Copy(identityNamespace, ref _singleNamespace, out _singleNamespaceLength);
        }

        if (primary && (_bestNamespaceLength < 0 || identityNamespace.SequenceCompareTo(_bestNamespace.AsSpan(0, _bestNamespaceLength)) < 0))
        {
            Copy(identityNamespace, ref _bestNamespace, out _bestNamespaceLength);
            Copy(id, ref _best, out _bestLength);
        }
    }

    /// <summary>The chosen id of the items offered since <see cref="Reset"/>, if the rules choose one.</summary>
    /// <param name="id">The id's UTF-8 bytes, valid until the next <see cref="Offer"/> or <see cref="Reset"/>.</param>
    public bool TryGetPersonId(out ReadOnlySpan<byte> id)
    {
        if (_namespace is not null)
        {
            id = _usable == 1 ? _best.AsSpan(0, _bestLength) : default;
            return _usable == 1;
        }

        if (_usable == 1)
        {
            id = _single.AsSpan(0, _singleLength);
            return true;
        }

        id = _bestNamespaceLength >= 0 ? _best.AsSpan(0, _bestLength) : default;
        return _bestNamespaceLength >= 0;
    }

    /// <summary>The chosen id, as <see cref="TryGetPersonId(out ReadOnlySpan{byte})"/>, and the namespace it came from.</summary>
    /// <param name="id">The id's UTF-8 bytes, valid until the next <see cref="Offer"/> or <see cref="Reset"/>.</param>
    /// <param name="identityNamespace">The id's namespace code, UTF-8, valid as long; empty when no id is chosen.</param>
    public bool TryGetPersonId(out ReadOnlySpan<byte> id, out ReadOnlySpan<byte> identityNamespace)
    {
        if (!TryGetPersonId(out id))
        {
            identityNamespace = default;
            return false;
        }

        identityNamespace = _namespace is not null ? _namespace
            : _usable == 1 ? _singleNamespace.AsSpan(0, _singleNamespaceLength)
            : _bestNamespace.AsSpan(0, _bestNamespaceLength);
        return true;
    }

    /// <summary>
    /// Why <see cref="TryGetPersonId(out ReadOnlySpan{byte})"/> finds no id for the items offered since <see cref="Reset"/>:
    /// <see cref="PersonIdMiss.None"/> when it finds one; <see cref="PersonIdMiss.NoIdentityMap"/> when nothing was offered
    /// (offer a namespace without items as one item with an empty id, so that it counts as a map);
    /// <see cref="PersonIdMiss.NoPrimary"/> when several usable ids were offered and none primary (no namespace configured);
    /// else <see cref="PersonIdMiss.NoUsableId"/>.
    /// </summary>
    public PersonIdMiss Miss => TryGetPersonId(out ReadOnlySpan<byte> _) ? PersonIdMiss.None
        : _offered == 0 ? PersonIdMiss.NoIdentityMap
        : _namespace is null && _usable > 1 ? PersonIdMiss.NoPrimary
        : PersonIdMiss.NoUsableId;

    private static void Copy(ReadOnlySpan<byte> from, ref byte[] to, out int length)
    {
        if (from.Length > to.Length)
        {
            to = new byte[Math.Max(from.Length, to.Length * 2)];
        }

        from.CopyTo(to);
        length = from.Length;
    }
}
