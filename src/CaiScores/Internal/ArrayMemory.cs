using System.Buffers;
using System.Runtime.InteropServices;

namespace CaiScores.Internal;

/// <summary>Views a managed array of primitives as <see cref="Memory{T}"/> of bytes, so Arrow buffers can share it without a copy.</summary>
internal sealed class ArrayMemory<T>(T[] array, int length) : MemoryManager<byte>
    where T : unmanaged
{
    private readonly object _gate = new();
    private GCHandle _handle;
    private int _pins;

    public static Memory<byte> Of(T[] array, int length) => new ArrayMemory<T>(array, length).Memory;

    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(array.AsSpan(0, length));

    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        lock (_gate)
        {
            if (_pins++ == 0)
            {
                _handle = GCHandle.Alloc(array, GCHandleType.Pinned);
            }
        }

        var pointer = (byte*)_handle.AddrOfPinnedObject() + elementIndex;
        return new MemoryHandle(pointer, default, this);
    }

    public override void Unpin()
    {
        lock (_gate)
        {
            if (--_pins == 0)
            {
                _handle.Free();
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        // Nothing owned: the array belongs to the table, and every Pin is paired with an Unpin.
    }
}
