namespace CaiScores.Ingest;

/// <summary>
/// A JSON array: each top-level element is a record, found by counting brackets outside strings; a structural error is
/// reported once and ends the input.
/// </summary>
internal sealed partial class JsonRecordFramer
{
    // JSON array state.
    private ArrayState _state = ArrayState.BeforeArray;
    private int _depth;
    private bool _inString;
    private bool _escape;
    private int _recordStart = -1; // -1 while discarding an oversized element
    private long _recordLine;
    private bool _elementSeen;

    private enum ArrayState
    {
        BeforeArray,
        BeforeElement,
        InElement,
        AfterElement,
        AfterArray,
        Done,
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

    private FrameStatus Fail(out Frame frame, string message, long? line = null)
    {
        // A structural error in an array cannot be resynchronised: report it once, then end.
        frame = new Frame(default, line ?? _lineAtScan, message);
        _state = ArrayState.Done;
        return FrameStatus.Invalid;
    }
}
