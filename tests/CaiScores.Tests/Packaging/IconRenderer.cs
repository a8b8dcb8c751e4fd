using System.Buffers.Binary;
using System.IO.Compression;

namespace CaiScores.Tests.Packaging;

/// <summary>
/// Draws the CaiScores NuGet package icon entirely in code and encodes it as a PNG.
/// </summary>
/// <remarks>
/// <para>
/// The repository's <c>icon.png</c> is generated from this class: the test suite
/// regenerates <c>icon.png</c> from <see cref="RenderPng"/> and checks it, so the icon
/// is changed by editing this code, never by editing the image.
/// </para>
/// <para>
/// The design is a dark navy rounded square holding three ascending bars in the
/// colour-blind-safe Okabe-Ito low/medium/high palette (vermillion, yellow, bluish green)
/// standing on a baseline, crossed by a white rising trend line that ends in a dot.
/// </para>
/// <para>
/// Rendering is a tiny software rasterizer: every shape is analytic (rounded rectangles,
/// circles and thick polylines), each pixel is supersampled on a regular grid for
/// anti-aliasing, and the PNG (8-bit RGBA, colour type 6) is assembled by hand with a
/// table-driven CRC-32 and a single zlib-compressed IDAT chunk. Only integer and
/// floating-point arithmetic is used, so the output is deterministic.
/// </para>
/// </remarks>
internal static class IconRenderer
{
    /// <summary>Width and height of the icon in pixels.</summary>
    public const int Size = 128;

    /// <summary>Samples per pixel along each axis (SamplesPerAxis² samples per pixel).</summary>
    private const int SamplesPerAxis = 8;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly uint[] CrcTable = BuildCrcTable();

    // Okabe-Ito colour-blind-safe palette: low / medium / high.
    private static readonly Rgb Low = new(0xD5, 0x5E, 0x00);
    private static readonly Rgb Medium = new(0xF0, 0xE4, 0x42);
    private static readonly Rgb High = new(0x00, 0x9E, 0x73);

    private static readonly Rgb BackgroundTop = new(0x24, 0x38, 0x57);
    private static readonly Rgb BackgroundBottom = new(0x17, 0x24, 0x39);
    private static readonly Rgb Halo = new(0x1B, 0x2A, 0x41);
    private static readonly Rgb Baseline = new(0xC8, 0xD2, 0xE0);
    private static readonly Rgb White = new(0xFF, 0xFF, 0xFF);

    // Geometry, in pixel units of the 128x128 canvas (y grows downwards).
    private const double CornerRadius = 26;
    private const double BaselineY = 104;
    private const double BarWidth = 22;
    private const double BarGap = 8;
    private const double BarLeft = 23;
    private const double BarRadius = 4;
    private static readonly double[] BarTops = [76, 58, 38];

    private static readonly (double X, double Y)[] Trend = [(16, 90), (40, 68), (66, 74), (100, 30)];
    private const double TrendHalfWidth = 3;
    private const double HaloHalfWidth = 6.5;
    private const double DotRadius = 7.5;
    private const double DotHaloRadius = 11;

    /// <summary>
    /// Renders the icon and encodes it as a 128x128 8-bit RGBA PNG.
    /// </summary>
    /// <returns>The complete PNG file contents.</returns>
    public static byte[] RenderPng() => EncodePng(RenderPixels(), Size, Size);

    /// <summary>
    /// Renders the icon to raw pixels.
    /// </summary>
    /// <returns>
    /// <see cref="Size"/> × <see cref="Size"/> pixels in row-major order, top row first,
    /// each packed as <c>0xAARRGGBB</c> with straight (non-premultiplied) alpha.
    /// </returns>
    public static uint[] RenderPixels()
    {
        var pixels = new uint[Size * Size];
        const int samples = SamplesPerAxis * SamplesPerAxis;

        for (var py = 0; py < Size; py++)
        {
            for (var px = 0; px < Size; px++)
            {
                // Accumulate premultiplied colour over the sample grid.
                double r = 0, g = 0, b = 0, a = 0;
                for (var sy = 0; sy < SamplesPerAxis; sy++)
                {
                    var y = py + ((sy + 0.5) / SamplesPerAxis);
                    for (var sx = 0; sx < SamplesPerAxis; sx++)
                    {
                        var x = px + ((sx + 0.5) / SamplesPerAxis);
                        if (Shade(x, y) is { } c)
                        {
                            r += c.R;
                            g += c.G;
                            b += c.B;
                            a += 1;
                        }
                    }
                }

                pixels[(py * Size) + px] = a == 0
                    ? 0u
                    : Pack(r / a, g / a, b / a, a / samples);
            }
        }

        return pixels;
    }

    /// <summary>
    /// Returns the opaque colour of the topmost shape at a sample point,
    /// or <see langword="null"/> when the point is outside the icon (transparent).
    /// </summary>
    private static Rgb? Shade(double x, double y)
    {
        if (RoundedRectDistance(x, y, 0, 0, Size, Size, CornerRadius) > 0)
        {
            return null;
        }

        // Painter's order: later shapes cover earlier ones.
        var color = Rgb.Lerp(BackgroundTop, BackgroundBottom, y / Size);

        for (var i = 0; i < BarTops.Length; i++)
        {
            var left = BarLeft + (i * (BarWidth + BarGap));
            // Only the top corners are rounded: the bar is clipped flat at the baseline.
            if (y <= BaselineY
                && RoundedRectDistance(x, y, left, BarTops[i], left + BarWidth, BaselineY + BarRadius, BarRadius) <= 0)
            {
                color = i switch
                {
                    0 => Low,
                    1 => Medium,
                    _ => High,
                };
            }
        }

        if (RoundedRectDistance(x, y, 17, BaselineY - 2, Size - 17, BaselineY + 2, 2) <= 0)
        {
            color = Baseline;
        }

        var end = Trend[^1];
        if (PolylineDistance(x, y, Trend) <= HaloHalfWidth || Distance(x, y, end.X, end.Y) <= DotHaloRadius)
        {
            color = Halo;
        }

        if (PolylineDistance(x, y, Trend) <= TrendHalfWidth || Distance(x, y, end.X, end.Y) <= DotRadius)
        {
            color = White;
        }

        return color;
    }

    /// <summary>Signed distance from a point to a rounded rectangle (negative inside).</summary>
    private static double RoundedRectDistance(
        double x, double y, double left, double top, double right, double bottom, double radius)
    {
        var cx = (left + right) / 2;
        var cy = (top + bottom) / 2;
        var qx = Math.Abs(x - cx) - (((right - left) / 2) - radius);
        var qy = Math.Abs(y - cy) - (((bottom - top) / 2) - radius);
        var outside = Math.Sqrt((Math.Max(qx, 0) * Math.Max(qx, 0)) + (Math.Max(qy, 0) * Math.Max(qy, 0)));
        var inside = Math.Min(Math.Max(qx, qy), 0);
        return outside + inside - radius;
    }

    /// <summary>Shortest distance from a point to a polyline (round joins and caps).</summary>
    private static double PolylineDistance(double x, double y, (double X, double Y)[] points)
    {
        var best = double.MaxValue;
        for (var i = 0; i + 1 < points.Length; i++)
        {
            best = Math.Min(best, SegmentDistance(x, y, points[i], points[i + 1]));
        }

        return best;
    }

    private static double SegmentDistance(double x, double y, (double X, double Y) a, (double X, double Y) b)
    {
        var dx = b.X - a.X;
        var dy = b.Y - a.Y;
        var t = Math.Clamp((((x - a.X) * dx) + ((y - a.Y) * dy)) / ((dx * dx) + (dy * dy)), 0, 1);
        return Distance(x, y, a.X + (t * dx), a.Y + (t * dy));
    }

    private static double Distance(double x0, double y0, double x1, double y1)
    {
        var dx = x1 - x0;
        var dy = y1 - y0;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }

    private static uint Pack(double r, double g, double b, double a) =>
        ((uint)ToByte(a) << 24) | ((uint)ToByte(r / 255) << 16) | ((uint)ToByte(g / 255) << 8) | ToByte(b / 255);

    private static byte ToByte(double unit) => (byte)Math.Clamp((int)Math.Round(unit * 255, MidpointRounding.AwayFromZero), 0, 255);

    /// <summary>Encodes 0xAARRGGBB pixels as an 8-bit RGBA PNG with a single IDAT chunk.</summary>
    private static byte[] EncodePng(uint[] pixels, int width, int height)
    {
        // Raw scanlines: filter type 0 (None) followed by RGBA bytes.
        var stride = (width * 4) + 1;
        var raw = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var row = y * stride;
            raw[row] = 0;
            for (var x = 0; x < width; x++)
            {
                var p = pixels[(y * width) + x];
                var o = row + 1 + (x * 4);
                raw[o] = (byte)(p >> 16);
                raw[o + 1] = (byte)(p >> 8);
                raw[o + 2] = (byte)p;
                raw[o + 3] = (byte)(p >> 24);
            }
        }

        byte[] compressed;
        using (var buffer = new MemoryStream())
        {
            using (var zlib = new ZLibStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zlib.Write(raw);
            }

            compressed = buffer.ToArray();
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;  // bit depth
        header[9] = 6;  // colour type: truecolour with alpha
        header[10] = 0; // compression method: deflate
        header[11] = 0; // filter method: adaptive
        header[12] = 0; // interlace method: none

        using var png = new MemoryStream();
        png.Write(PngSignature);
        WriteChunk(png, "IHDR"u8, header);
        WriteChunk(png, "IDAT"u8, compressed);
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);

        var crc = UpdateCrc(0xFFFFFFFFu, type);
        crc = UpdateCrc(crc, data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        output.Write(word);
    }

    /// <summary>Standard CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320) as used by PNG.</summary>
    private static uint UpdateCrc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var value in data)
        {
            crc = CrcTable[(crc ^ value) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }

    private readonly record struct Rgb(double R, double G, double B)
    {
        public static Rgb Lerp(Rgb from, Rgb to, double t) =>
            new(from.R + ((to.R - from.R) * t), from.G + ((to.G - from.G) * t), from.B + ((to.B - from.B) * t));
    }
}
