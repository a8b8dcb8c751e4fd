using System.Globalization;

namespace CaiScores.Output;

/// <summary>One exclusive region of a Venn: its sets as a bit mask, its name in letters (<c>A ∩ B only</c>), count and tooltip.</summary>
internal sealed record VennRegion(int Members, string Label, long Count, string Tooltip);

/// <summary>
/// An area-proportional Venn diagram of 1 to 3 sets: circles whose areas are proportional to the set sizes, placed so that
/// each pair's overlap area is proportional to the pair's intersection (exactly for two sets; for three, the first pair
/// exactly and the third circle, when no triangle has its two distances, where its two overlap areas are missed least); each
/// region that shows labelled with its count at its most open point, and beside the diagram a legend of the sets (letters
/// A, B, C) and a table of every region, so a region the circles cannot show is still counted.
/// </summary>
internal sealed class VennDiagram
{
    private const double Margin = 16;
    private const double Top = 44;
    private const double RowHeight = 18;
    private const double CharWidth = 6.6;
    private const int MaxNameChars = 34;

    public required string Title { get; init; }

    /// <summary>The sets' names, 1 to 3.</summary>
    public required IReadOnlyList<string> Names { get; init; }

    /// <summary>Each set's size.</summary>
    public required IReadOnlyList<long> Sizes { get; init; }

    /// <summary>The inclusive intersection of sets i and j (symmetric; the diagonal is unused).</summary>
    public required long[,] Pairs { get; init; }

    public required IReadOnlyList<string> Colors { get; init; }

    /// <summary>Each set's tooltip.</summary>
    public required IReadOnlyList<string> SetTooltips { get; init; }

    /// <summary>Every exclusive region, in the order the table lists them.</summary>
    public required IReadOnlyList<VennRegion> Regions { get; init; }

    /// <summary>The persons in any set: the whole of the regions' shares.</summary>
    public required long Union { get; init; }

    /// <summary>Rows after the regions (union, outside): label, count and tooltip.</summary>
    public required IReadOnlyList<(string Label, long Count, string Tooltip)> Totals { get; init; }

    /// <summary>Shown in the diagram's place when no circle has an area.</summary>
    public required string EmptyMessage { get; init; }

    public string Render(ChartOptions options)
    {
        var sets = Names.Count;
        var names = Names.Select(n => n.Length <= MaxNameChars ? n : string.Concat(n.AsSpan(0, MaxNameChars - 1), "…")).ToArray();
        var panel = Math.Clamp((CharWidth * names.Max(n => n.Length)) + 40, 200, 300);
        var panelHeight = Top + (sets * (RowHeight + 16)) + 16 + ((Regions.Count + Totals.Count + 1) * RowHeight) + Margin;
        var width = Math.Max(options.Width, panel + 240); // the diagram keeps at least 200 pixels beside the panel
        var height = Math.Max(options.Height, panelHeight);
        var svg = new SvgWriter(width, height, Title);
        svg.Text(width / 2, 22, Title, "middle", weight: "600", size: 14);

        // The diagram's area: left of the panel.
        double left = Margin, right = width - panel - (2 * Margin), top = Top, bottom = height - Margin;
        var circles = Layout(Sizes, Pairs);
        var drawn = Enumerable.Range(0, sets).Where(i => circles[i].R > 0).ToArray();
        if (drawn.Length == 0)
        {
            svg.Text((left + right) / 2, (top + bottom) / 2, EmptyMessage, "middle", fill: "#666");
        }
        else
        {
            // Fit the circles (and room for the set letters beside them) into the area, centred.
            var minX = drawn.Min(i => circles[i].X - circles[i].R);
            var maxX = drawn.Max(i => circles[i].X + circles[i].R);
            var minY = drawn.Min(i => circles[i].Y - circles[i].R);
            var maxY = drawn.Max(i => circles[i].Y + circles[i].R);
            const double room = 22;
            var scale = Math.Min((right - left - (2 * room)) / (maxX - minX), (bottom - top - (2 * room)) / (maxY - minY));
            var cx = ((left + right) / 2) - (scale * (minX + maxX) / 2);
            var cy = ((top + bottom) / 2) - (scale * (minY + maxY) / 2);
            var placed = circles.Select(c => (X: cx + (scale * c.X), Y: cy + (scale * c.Y), R: scale * c.R)).ToArray();

            svg.Group(("class", "circles"));
            foreach (var i in drawn)
            {
                svg.Circle(placed[i].X, placed[i].Y, placed[i].R, Colors[i], 0.28, Colors[i], 2, SetTooltips[i]);
            }

            svg.End();

            svg.Group(("class", "set-letters"));
            var centre = (X: drawn.Average(i => placed[i].X), Y: drawn.Average(i => placed[i].Y));
            foreach (var i in drawn)
            {
                var (dx, dy) = (placed[i].X - centre.X, placed[i].Y - centre.Y);
                var length = Math.Sqrt((dx * dx) + (dy * dy));
                (dx, dy) = length > 1e-6 ? (dx / length, dy / length) : DefaultDirection(i, sets);
                // Beside the circle, at 45° steps so the letter sits clear of its outline.
                var lx = placed[i].X + (dx * (placed[i].R + 12));
                var ly = placed[i].Y + (dy * (placed[i].R + 12));
                svg.Text(lx, ly + 5, Letter(i), "middle", weight: "700", size: 14, fill: Colors[i], tooltip: SetTooltips[i]);
            }

            svg.End();

            svg.Group(("class", "region-labels"));
            var spots = Spots(placed, drawn, left, right, top, bottom);
            foreach (var region in Regions)
            {
                if (spots.TryGetValue(region.Members, out var spot) && spot.Clearance >= 6)
                {
                    svg.Text(spot.X, spot.Y + 4, Count(region.Count), "middle", weight: "600", fill: "#111", tooltip: region.Tooltip);
                }
            }

            svg.End();
        }

        // The panel: the sets, then every region and the totals.
        var px = width - panel - Margin;
        svg.Group(("class", "legend"));
        var y = Top;
        for (var i = 0; i < sets; i++)
        {
            svg.Rect(px, y, 14, 14, Colors[i], SetTooltips[i]);
            svg.Text(px + 20, y + 12, Letter(i), weight: "700", fill: Colors[i]);
            svg.Text(px + 36, y + 12, names[i], weight: "600", tooltip: SetTooltips[i]);
            svg.Text(px + 36, y + 27, $"{Count(Sizes[i])} people{(Sizes[i] == 0 ? " (empty)" : string.Empty)}", size: 11, fill: "#444");
            y += RowHeight + 16;
        }

        svg.End();

        svg.Group(("class", "regions"));
        y += 8;
        svg.Text(px, y + 12, "Region", weight: "600", fill: "#444");
        svg.Text(px + panel - 56, y + 12, "People", "end", weight: "600", fill: "#444");
        svg.Text(px + panel, y + 12, "Share", "end", weight: "600", fill: "#444");
        y += RowHeight;
        svg.Line(px, y, px + panel, y, ChartPalette.Grid);
        foreach (var region in Regions)
        {
            svg.Text(px, y + 13, region.Label, tooltip: region.Tooltip);
            svg.Text(px + panel - 56, y + 13, Count(region.Count), "end", tooltip: region.Tooltip);
            svg.Text(px + panel, y + 13, Share(region.Count, Union), "end", fill: "#444", tooltip: region.Tooltip);
            y += RowHeight;
        }

        svg.Line(px, y + 2, px + panel, y + 2, ChartPalette.Grid);
        y += 4;
        foreach (var (label, count, tooltip) in Totals)
        {
            svg.Text(px, y + 13, label, fill: "#444", tooltip: tooltip);
            svg.Text(px + panel - 56, y + 13, Count(count), "end", fill: "#444", tooltip: tooltip);
            y += RowHeight;
        }

        svg.End();
        return svg.ToString();
    }

    public static string Letter(int set) => ((char)('A' + set)).ToString();

    /// <summary>
    /// Circles in unit space: radius √(size / largest size), so areas are proportional to sizes; the first at the origin,
    /// the second on the x axis at the distance that gives their overlap, the third below them at the distances that give
    /// its overlaps with the first two (when no triangle has those sides, the point that misses the two overlap areas least).
    /// </summary>
    internal static (double X, double Y, double R)[] Layout(IReadOnlyList<long> sizes, long[,] pairs)
    {
        var sets = sizes.Count;
        var largest = sizes.Max();
        var circles = new (double X, double Y, double R)[sets];
        if (largest <= 0)
        {
            return circles;
        }

        var r = sizes.Select(s => Math.Sqrt(Math.Max(0, s) / (double)largest)).ToArray();
        double Distance(int i, int j) => DistanceForOverlap(r[i], r[j], Math.PI * pairs[i, j] / largest);
        for (var i = 0; i < sets; i++)
        {
            circles[i].R = r[i];
        }

        if (sets >= 2)
        {
            circles[1].X = Distance(0, 1);
        }

        if (sets == 3)
        {
            var (x, y) = PlaceThird(circles[1].X, Distance(0, 2), Distance(1, 2));
            (circles[2].X, circles[2].Y) = Refine(circles, x, y, Math.PI * pairs[0, 2] / largest, Math.PI * pairs[1, 2] / largest);
        }

        return circles;
    }

    /// <summary>
    /// The third centre's overlap misses with the first two, each over the smaller circle's area, squared and summed: 0
    /// where both overlaps are met.
    /// </summary>
    internal static double OverlapMiss((double X, double Y, double R)[] circles, double x, double y, double target0, double target1)
    {
        var miss = 0.0;
        for (var i = 0; i < 2; i++)
        {
            var smaller = Math.PI * Math.Pow(Math.Min(circles[i].R, circles[2].R), 2);
            if (smaller <= 0)
            {
                continue;
            }

            var d = Math.Sqrt(Math.Pow(x - circles[i].X, 2) + Math.Pow(y - circles[i].Y, 2));
            var m = (LensArea(circles[i].R, circles[2].R, d) - (i == 0 ? target0 : target1)) / smaller;
            miss += m * m;
        }

        return miss;
    }

    /// <summary>
    /// From the placement by distances, a pattern search (eight directions, the step halved when none improves) for the
    /// third centre that misses the two overlap areas least: when the distances fit no triangle, the compromise on areas
    /// rather than on distances (a set inside another may then sit anywhere inside it). Deterministic; no move when the
    /// distances were met.
    /// </summary>
    private static (double X, double Y) Refine((double X, double Y, double R)[] circles, double x, double y, double target0, double target1)
    {
        var best = OverlapMiss(circles, x, y, target0, target1);
        var step = Math.Max(circles[0].R, Math.Max(circles[1].R, circles[2].R)) / 4;
        for (var iteration = 0; iteration < 10_000 && best > 1e-12 && step > 1e-7; iteration++)
        {
            var moved = false;
            for (var k = 0; k < 8; k++)
            {
                var (dx, dy) = (Math.Round(Math.Cos(k * Math.PI / 4), 12), Math.Round(Math.Sin(k * Math.PI / 4), 12));
                var miss = OverlapMiss(circles, x + (step * dx), y + (step * dy), target0, target1);
                if (miss < best - 1e-15)
                {
                    (x, y, best, moved) = (x + (step * dx), y + (step * dy), miss, true);
                    break;
                }
            }

            if (!moved)
            {
                step /= 2;
            }
        }

        return (x, y);
    }

    /// <summary>The area of the intersection of two circles of radii <paramref name="r1"/>, <paramref name="r2"/> whose centres are <paramref name="d"/> apart.</summary>
    internal static double LensArea(double r1, double r2, double d)
    {
        if (r1 <= 0 || r2 <= 0 || d >= r1 + r2)
        {
            return 0;
        }

        if (d <= Math.Abs(r1 - r2))
        {
            var small = Math.Min(r1, r2);
            return Math.PI * small * small;
        }

        var a1 = Math.Acos(Math.Clamp(((d * d) + (r1 * r1) - (r2 * r2)) / (2 * d * r1), -1, 1));
        var a2 = Math.Acos(Math.Clamp(((d * d) + (r2 * r2) - (r1 * r1)) / (2 * d * r2), -1, 1));
        var k = (-d + r1 + r2) * (d + r1 - r2) * (d - r1 + r2) * (d + r1 + r2);
        return (r1 * r1 * a1) + (r2 * r2 * a2) - (0.5 * Math.Sqrt(Math.Max(0, k)));
    }

    /// <summary>
    /// The centre distance at which two circles overlap by <paramref name="area"/>, by bisection (the lens area falls as
    /// the distance grows): apart by a small gap when the area is 0, the smaller circle halfway between concentric and
    /// touching inside when the area is all of it.
    /// </summary>
    internal static double DistanceForOverlap(double r1, double r2, double area)
    {
        if (r1 <= 0 || r2 <= 0 || area <= 0)
        {
            return r1 + r2 + (0.06 * Math.Max(r1, r2));
        }

        var small = Math.Min(r1, r2);
        if (area >= Math.PI * small * small * (1 - 1e-12))
        {
            return Math.Abs(r1 - r2) / 2;
        }

        double low = Math.Abs(r1 - r2), high = r1 + r2;
        for (var iteration = 0; iteration < 100; iteration++)
        {
            var mid = (low + high) / 2;
            if (LensArea(r1, r2, mid) > area)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return (low + high) / 2;
    }

    /// <summary>
    /// The third centre given the first at the origin, the second at (<paramref name="d12"/>, 0) and the wanted distances
    /// to them: the triangle's apex below the x axis when one exists, else the point of the x axis that minimises the sum of
    /// the squared misses.
    /// </summary>
    internal static (double X, double Y) PlaceThird(double d12, double d13, double d23)
    {
        if (d12 <= 1e-12)
        {
            return (0, (d13 + d23) / 2);
        }

        if (d13 + d23 < d12)
        {
            return ((d13 + d12 - d23) / 2, 0);
        }

        if (d13 > d23 + d12)
        {
            return ((d13 + d12 + d23) / 2, 0);
        }

        if (d23 > d13 + d12)
        {
            return ((d12 - d13 - d23) / 2, 0);
        }

        var x = ((d13 * d13) - (d23 * d23) + (d12 * d12)) / (2 * d12);
        return (x, Math.Sqrt(Math.Max(0, (d13 * d13) - (x * x))));
    }

    /// <summary>
    /// For each region that shows, the grid point inside it farthest from every circle's outline (its most open point), and
    /// that distance. A fixed grid scanned in order: the same circles give the same points.
    /// </summary>
    private static Dictionary<int, (double X, double Y, double Clearance)> Spots((double X, double Y, double R)[] circles, int[] drawn, double left, double right, double top, double bottom)
    {
        var spots = new Dictionary<int, (double X, double Y, double Clearance)>();
        const double step = 2;
        for (var y = top; y <= bottom; y += step)
        {
            for (var x = left; x <= right; x += step)
            {
                var members = 0;
                var clearance = double.MaxValue;
                foreach (var i in drawn)
                {
                    var (dx, dy) = (x - circles[i].X, y - circles[i].Y);
                    var distance = Math.Sqrt((dx * dx) + (dy * dy));
                    if (distance < circles[i].R)
                    {
                        members |= 1 << i;
                    }

                    clearance = Math.Min(clearance, Math.Abs(distance - circles[i].R));
                }

                if (members != 0 && (!spots.TryGetValue(members, out var best) || clearance > best.Clearance))
                {
                    spots[members] = (x, y, clearance);
                }
            }
        }

        return spots;
    }

    private static (double X, double Y) DefaultDirection(int set, int sets) => (set, sets) switch
    {
        (0, 1) => (0, -1),
        (0, _) => (-Math.Sqrt(0.5), -Math.Sqrt(0.5)),
        (1, _) => (Math.Sqrt(0.5), -Math.Sqrt(0.5)),
        _ => (0, 1),
    };

    private static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    private static string Share(long count, long whole) => (whole == 0 ? 0 : (double)count / whole).ToString("0.0%", CultureInfo.InvariantCulture);
}
