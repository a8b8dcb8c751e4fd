using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaiScores.Tests.Browser;

/// <summary>
/// One WebSocket to Chromium's DevTools endpoint, speaking the Chrome DevTools Protocol in flat session mode: a command is
/// <c>{id, method, params, sessionId?}</c> answered by <c>{id, result | error}</c>; everything else is an event
/// <c>{method, params, sessionId?}</c>. Messages are read in order by one loop, so when a command's answer arrives every
/// event sent before it has already been handed to <see cref="EventReceived"/>.
/// </summary>
internal sealed class CdpConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private Task? _receiveLoop;
    private int _nextId;

    /// <summary>An event: method, params (a detached copy) and the session it belongs to (null for the browser).</summary>
    public event Action<string, JsonElement, string?>? EventReceived;

    public static async Task<CdpConnection> ConnectAsync(Uri endpoint, TimeSpan timeout)
    {
        var connection = new CdpConnection();
        connection._socket.Options.KeepAliveInterval = TimeSpan.Zero;
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await connection._socket.ConnectAsync(endpoint, cts.Token);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        connection._receiveLoop = Task.Run(connection.ReceiveLoopAsync);
        return connection;
    }

    /// <summary>Sends a command and waits for its result; a protocol error or the timeout throws, naming the method.</summary>
    public async Task<JsonElement> SendAsync(string method, JsonObject? parameters, string? sessionId, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        if (sessionId is not null)
        {
            message["sessionId"] = sessionId;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        cts.CancelAfter(timeout);
        try
        {
            var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
            await _sendLock.WaitAsync(cts.Token);
            try
            {
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cts.Token);
            }
            finally
            {
                _sendLock.Release();
            }

            return await answer.Task.WaitAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!_closing.IsCancellationRequested)
        {
            throw new TimeoutException($"DevTools command {method} got no answer within {timeout.TotalSeconds:0.#} s.");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        Exception? failure = null;
        try
        {
            while (_socket.State == WebSocketState.Open && !_closing.IsCancellationRequested)
            {
                var received = await _socket.ReceiveAsync(buffer, _closing.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                Dispatch(message.GetBuffer().AsSpan(0, (int)message.Length));
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            failure = e;
        }

        // The browser went away (or we are closing): nothing pending will ever be answered.
        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(new InvalidOperationException("The DevTools connection closed before the command was answered.", failure));
        }
    }

    private void Dispatch(ReadOnlySpan<byte> utf8)
    {
        using var document = JsonDocument.Parse(utf8.ToArray());
        var root = document.RootElement;
        var sessionId = root.TryGetProperty("sessionId", out var s) ? s.GetString() : null;
        if (root.TryGetProperty("id", out var idElement))
        {
            if (!_pending.TryGetValue(idElement.GetInt32(), out var answer))
            {
                return;
            }

            if (root.TryGetProperty("error", out var error))
            {
                answer.TrySetException(new InvalidOperationException($"DevTools error: {error.GetRawText()}"));
            }
            else
            {
                answer.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
            }

            return;
        }

        if (root.TryGetProperty("method", out var method))
        {
            var parameters = root.TryGetProperty("params", out var p) ? p.Clone() : default;
            EventReceived?.Invoke(method.GetString()!, parameters, sessionId);
        }
    }

    /// <summary>Drops the connection at once (the browser is killed next; a closing handshake would only cost time).</summary>
    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        _socket.Abort();
        if (_receiveLoop is not null)
        {
            await _receiveLoop.WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        _socket.Dispose();
        _closing.Dispose();
        _sendLock.Dispose();
    }
}
