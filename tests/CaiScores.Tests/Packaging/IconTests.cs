using System.IO.Compression;

namespace CaiScores.Tests.Packaging;

/// <summary>The package icon is drawn by <see cref="IconRenderer"/>; icon.png at the repository root must be its output.</summary>
public sealed class IconTests
{
    [Fact]
    public void Icon_is_128_pixels_square_and_not_blank()
    {
        var pixels = IconRenderer.RenderPixels();
        Assert.Equal(128 * 128, pixels.Length);
        var opaque = pixels.Count(p => p >> 24 == 0xFF);
        var colours = pixels.Where(p => p >> 24 == 0xFF).Distinct().Count();
        Assert.True(opaque > 128 * 128 * 3 / 4, "the rounded square fills most of the icon");
        Assert.True(colours > 50, "the icon has a design, not a flat fill");
    }

    [Fact]
    public void Repository_icon_matches_the_renderer()
    {
        var root = FindRepositoryRoot();
        var committed = DecodePixels(File.ReadAllBytes(Path.Combine(root, "icon.png")));
        var rendered = DecodePixels(IconRenderer.RenderPng());
        if (!committed.AsSpan().SequenceEqual(rendered))
        {
            File.WriteAllBytes(Path.Combine(root, "icon.received.png"), IconRenderer.RenderPng());
            Assert.Fail("icon.png differs from IconRenderer's output; see icon.received.png and replace icon.png with it if the change is intended.");
        }
    }

    private static string FindRepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string file = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(file)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CaiScores.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CaiScores.sln not found above " + file);
    }

    /// <summary>Decompresses the IDAT stream of our own PNGs (filter 0 rows), so the comparison ignores zlib differences.</summary>
    private static byte[] DecodePixels(byte[] png)
    {
        using var idat = new MemoryStream();
        var pos = 8;
        while (pos < png.Length)
        {
            var length = (png[pos] << 24) | (png[pos + 1] << 16) | (png[pos + 2] << 8) | png[pos + 3];
            var type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            if (type == "IDAT")
            {
                idat.Write(png, pos + 8, length);
            }

            pos += 12 + length;
        }

        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        return raw.ToArray();
    }
}
