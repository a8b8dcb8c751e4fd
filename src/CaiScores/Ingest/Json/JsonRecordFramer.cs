using System.Buffers;

namespace CaiScores.Ingest;

/// <summary>
/// Cuts a byte stream into complete JSON records without parsing them: lines for JSON Lines, top-level elements for a JSON
/// array. Memory is bounded by the longest record kept (at most <c>maxRecordBytes</c>, whitespace around a JSON Lines record
/// not counted up to <see cref="WhitespaceSlack"/>) plus two read chunks; a longer record is reported and its bytes are
/// discarded as they arrive. After a long record the buffer shrinks back.
/// </summary>
/// <remarks>
/// Push-style so that the sync and async readers share it: call <see cref="TryRead"/> until it answers
/// <see cref="FrameStatus.NeedMoreData"/>, then fill <see cref="GetWriteBuffer"/> and call <see cref="Advance"/>, or
/// <see cref="Complete"/> at the end of the input. A returned record's memory is valid until the next call to
/// <see cref="GetWriteBuffer"/>.
/// This file keeps the buffer window (what is still needed, what was scanned, where the data ends) and detects the format;
/// the JSON Lines and JSON array parts find the records in it.
/// </remarks>
internal sealed partial class JsonRecordFramer : IDisposable
{
    private const int ReadChunk = 64 * 1024;
    private const int SmallBuffer = 2 * ReadChunk;

    /// <summary>Blanks (and a CR) around a JSON Lines record that do not count toward the limit, up to this many.</summary>
    public const int WhitespaceSlack = 4096;

    private readonly int _maxRecordBytes;
    private byte[] _buffer;
    private bool _pooled = true; // _buffer came from ArrayPool (the small one does; a grown one is exact-sized)
    private int _start;          // first byte still needed
    private int _scan;           // next byte to examine
    private int _end;            // end of valid data
    private long _lineAtScan = 1; // 1-based line number at _scan
    private bool _eof;
    private JsonInputFormat _format;
    private bool _bomChecked;

    public JsonRecordFramer(JsonInputFormat format, int maxRecordBytes)
    {
        _format = format;
        _maxRecordBytes = maxRecordBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(SmallBuffer);
    }

    /// <summary>The detected or configured format (<see cref="JsonInputFormat.Auto"/> until the first byte is seen).</summary>
    public JsonInputFormat Format => _format;

    public Memory<byte> GetWriteBuffer()
    {
        // Keep only what is still needed, then make room for one chunk.
        var keepFrom = _start;
        if (keepFrom > 0)
        {
            var length = _end - keepFrom;
            Buffer.BlockCopy(_buffer, keepFrom, _buffer, 0, length);
            _scan -= keepFrom;
            if (_recordStart >= 0)
            {
                _recordStart -= keepFrom;
            }

            _end = length;
            _start = 0;
        }

        if (_buffer.Length - _end < ReadChunk)
        {
            // Double (amortised copying) but never past what the longest allowed record needs: a longer one is reported as
            // soon as it passes the limit. Exact-sized, since the pool would round a large request up to a power of two.
            var limit = (long)_maxRecordBytes + WhitespaceSlack + SmallBuffer;
            var size = (int)Math.Max(_end + ReadChunk, Math.Min(_buffer.Length * 2L, limit));
            Replace(GC.AllocateUninitializedArray<byte>(size), pooled: false);
        }
        else if (!_pooled && _end <= ReadChunk)
        {
            // The long record is done: give the memory back.
            Replace(ArrayPool<byte>.Shared.Rent(SmallBuffer), pooled: true);
        }

        return _buffer.AsMemory(_end);
    }

    private void Replace(byte[] buffer, bool pooled)
    {
        Buffer.BlockCopy(_buffer, 0, buffer, 0, _end);
        if (_pooled)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        (_buffer, _pooled) = (buffer, pooled);
    }

    /// <summary>The current buffer's size, for tests of the memory bound.</summary>
    internal int BufferLength => _buffer.Length;

    public void Advance(int count) => _end += count;

    public void Complete() => _eof = true;

    /// <summary>Finds the next record, or says why it cannot.</summary>
    public FrameStatus TryRead(out Frame frame)
    {
        frame = default;
        if (!_bomChecked)
        {
            if (_end - _scan < 3 && !_eof)
            {
                return FrameStatus.NeedMoreData;
            }

            _bomChecked = true;
            if (_buffer.AsSpan(_scan, _end - _scan).StartsWith("\uFEFF"u8))
            {
                _scan += 3;
                _start = _scan;
            }
        }

        if (_format == JsonInputFormat.Auto)
        {
            var rest = _buffer.AsSpan(_scan, _end - _scan);
            var first = rest.IndexOfAnyExcept(" \t\r\n"u8);
            if (first < 0)
            {
                _lineAtScan += rest.Count((byte)'\n');
                _scan = _end;
                _start = _end;
                return _eof ? FrameStatus.End : FrameStatus.NeedMoreData;
            }

            _format = rest[first] == (byte)'[' ? JsonInputFormat.JsonArray : JsonInputFormat.JsonLines;
        }

        return _format == JsonInputFormat.JsonLines ? TryReadLine(out frame) : TryReadElement(out frame);
    }

    private Frame Oversized(long line) => new(default, line, $"the record is longer than MaxRecordBytes ({_maxRecordBytes} bytes)");

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (_pooled && buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _pooled = false;
    }
}
