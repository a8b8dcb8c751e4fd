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
/// </remarks>
internal sealed class JsonRecordFramer : IDisposable
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

    // JSON Lines state.
    private bool _discardingLine;

    // JSON array state.
    private ArrayState _state = ArrayState.BeforeArray;
    private int _depth;
    private bool _inString;
    private bool _escape;
    private int _recordStart = -1; // -1 while discarding an oversized element
    private long _recordLine;
    private bool _elementSeen;

    public JsonRecordFramer(JsonInputFormat format, int maxRecordBytes)
    {
        _format = format;
        _maxRecordBytes = maxRecordBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(SmallBuffer);
    }

    private enum ArrayState
    {
        BeforeArray,
        BeforeElement,
        InElement,
        AfterElement,
        AfterArray,
        Done,
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

    private FrameStatus TryReadLine(out Frame frame)
    {
        frame = default;
        while (true)
        {
            var rest = _buffer.AsSpan(_scan, _end - _scan);
            var newline = rest.IndexOf((byte)'\n');
            if (newline < 0)
            {
                if (_discardingLine)
                {
                    _scan = _end;
                    _start = _end;
                    return _eof ? FrameStatus.End : FrameStatus.NeedMoreData;
                }

                // Leading blanks never count; trailing ones may still be followed by more of the record.
                var pending = _buffer.AsSpan(_start, _end - _start);
                var lead = pending.IndexOfAnyExcept(" \t\r"u8);
                _start += lead < 0 ? pending.Length : lead;
                pending = _buffer.AsSpan(_start, _end - _start);
                if (pending.LastIndexOfAnyExcept(" \t\r"u8) + 1 > _maxRecordBytes || pending.Length > _maxRecordBytes + WhitespaceSlack)
                {
                    frame = Oversized(_lineAtScan);
                    _discardingLine = true;
                    _scan = _end;
                    _start = _end;
                    return FrameStatus.Invalid;
                }

                _scan = _end;
                if (!_eof)
                {
                    return FrameStatus.NeedMoreData;
                }

                if (_start == _end)
                {
                    return FrameStatus.End;
                }

                // The last line has no newline.
                var last = Trim(_start, _end);
                _start = _end;
                if (last.Length == 0)
                {
                    return FrameStatus.End;
                }

                frame = new Frame(last, _lineAtScan, null);
                return FrameStatus.Record;
            }

            var lineEnd = _scan + newline;
            var line = _lineAtScan;
            var lineStart = _start;
            _scan = lineEnd + 1;
            _start = _scan;
            _lineAtScan++;
            if (_discardingLine)
            {
                _discardingLine = false;
                continue;
            }

            var record = Trim(lineStart, lineEnd);
            if (record.Length > _maxRecordBytes)
            {
                frame = Oversized(line);
                return FrameStatus.Invalid;
            }

            if (record.Length == 0)
            {
                continue;
            }

            frame = new Frame(record, line, null);
            return FrameStatus.Record;
        }
    }

    private ReadOnlyMemory<byte> Trim(int from, int to)
    {
        var span = _buffer.AsSpan(from, to - from);
        var first = span.IndexOfAnyExcept(" \t\r"u8);
        if (first < 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var last = span.LastIndexOfAnyExcept(" \t\r"u8);
        return _buffer.AsMemory(from + first, last - first + 1);
    }

    private FrameStatus TryReadElement(out Frame frame)
    {
        frame = default;
        while (true)
        {
            switch (_state)
            {
                case ArrayState.BeforeArray:
                case ArrayState.BeforeElement:
                case ArrayState.AfterElement:
                case ArrayState.AfterArray:
                {
                    if (!SkipWhitespace())
                    {
                        return AtEndOfData(out frame);
                    }

                    var b = _buffer[_scan];
                    switch (_state)
                    {
                        case ArrayState.BeforeArray when b == (byte)'[':
                            _state = ArrayState.BeforeElement;
                            _scan++;
                            break;
                        case ArrayState.BeforeElement when b == (byte)'{':
                            _state = ArrayState.InElement;
                            _recordStart = _scan;
                            _recordLine = _lineAtScan;
                            _depth = 1;
                            _elementSeen = true;
                            _scan++;
                            break;
                        case ArrayState.BeforeElement when b == (byte)']' && !_elementSeen:
                        case ArrayState.AfterElement when b == (byte)']':
                            _state = ArrayState.AfterArray;
                            _scan++;
                            break;
                        case ArrayState.AfterElement when b == (byte)',':
                            _state = ArrayState.BeforeElement;
                            _scan++;
                            break;
                        default:
                            return Fail(out frame, _state switch
                            {
                                ArrayState.BeforeArray => "a JSON array must start with '['",
                                ArrayState.BeforeElement => $"expected a record object '{{', found '{(char)b}'",
                                ArrayState.AfterElement => $"expected ',' or ']' after a record, found '{(char)b}'",
                                _ => $"unexpected '{(char)b}' after the closing ']'",
                            });
                    }

                    _start = _state == ArrayState.InElement ? _recordStart : _scan;
                    break;
                }

                case ArrayState.InElement:
                    if (!ScanElement())
                    {
                        if (_recordStart >= 0 && _scan - _recordStart > _maxRecordBytes)
                        {
                            frame = Oversized(_recordLine);
                            _recordStart = -1;
                            _start = _scan;
                            return FrameStatus.Invalid;
                        }

                        if (_recordStart < 0)
                        {
                            _start = _scan;
                        }

                        return AtEndOfData(out frame);
                    }

                    _state = ArrayState.AfterElement;
                    _start = _scan;
                    if (_recordStart >= 0 && _scan - _recordStart > _maxRecordBytes)
                    {
                        frame = Oversized(_recordLine);
                        _recordStart = -1;
                        return FrameStatus.Invalid;
                    }

                    if (_recordStart >= 0)
                    {
                        frame = new Frame(_buffer.AsMemory(_recordStart, _scan - _recordStart), _recordLine, null);
                        _recordStart = -1;
                        return FrameStatus.Record;
                    }

                    break;

                default:
                    return FrameStatus.End;
            }
        }
    }

    /// <summary>Advances through the current element; true when its closing brace has been consumed.</summary>
    private bool ScanElement()
    {
        while (_scan < _end)
        {
            var rest = _buffer.AsSpan(_scan, _end - _scan);
            if (_escape)
            {
                _escape = false;
                Consume(1, rest);
                continue;
            }

            if (_inString)
            {
                var i = rest.IndexOfAny((byte)'"', (byte)'\\');
                if (i < 0)
                {
                    Consume(rest.Length, rest);
                    return false;
                }

                // A backslash escapes the next byte; a quote ends the string.
                _escape = rest[i] == (byte)'\\';
                _inString = _escape;
                Consume(i + 1, rest);
                continue;
            }

            var j = rest.IndexOfAny("\"{}[]"u8);
            if (j < 0)
            {
                Consume(rest.Length, rest);
                return false;
            }

            var c = rest[j];
            Consume(j + 1, rest);
            switch (c)
            {
                case (byte)'"':
                    _inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    _depth++;
                    break;
                default:
                    if (--_depth == 0)
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    private void Consume(int count, ReadOnlySpan<byte> rest)
    {
        _lineAtScan += rest[..count].Count((byte)'\n');
        _scan += count;
    }

    private bool SkipWhitespace()
    {
        var rest = _buffer.AsSpan(_scan, _end - _scan);
        var first = rest.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0)
        {
            Consume(rest.Length, rest);
            _start = _scan;
            return false;
        }

        Consume(first, rest);
        return true;
    }

    private FrameStatus AtEndOfData(out Frame frame)
    {
        frame = default;
        if (!_eof)
        {
            return FrameStatus.NeedMoreData;
        }

        var state = _state;
        _state = ArrayState.Done;
        return state switch
        {
            ArrayState.BeforeArray or ArrayState.AfterArray => FrameStatus.End,
            ArrayState.InElement => Fail(out frame, "unexpected end of input inside this record", _recordLine),
            _ => Fail(out frame, "unexpected end of input: the JSON array has no closing ']'"),
        };
    }

    private Frame Oversized(long line) => new(default, line, $"the record is longer than MaxRecordBytes ({_maxRecordBytes} bytes)");

    private FrameStatus Fail(out Frame frame, string message, long? line = null)
    {
        // A structural error in an array cannot be resynchronised: report it once, then end.
        frame = new Frame(default, line ?? _lineAtScan, message);
        _state = ArrayState.Done;
        return FrameStatus.Invalid;
    }

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

internal enum FrameStatus
{
    Record,
    NeedMoreData,
    Invalid,
    End,
}

/// <summary>A complete record (or, for <see cref="FrameStatus.Invalid"/>, a problem) and the 1-based line it starts on.</summary>
internal readonly record struct Frame(ReadOnlyMemory<byte> Json, long Line, string? Problem);
