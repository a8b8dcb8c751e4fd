using CaiScores.Kernels;
using CaiScores.Tests.Reference;

namespace CaiScores.Tests.Kernels;

/// <summary>
/// The factor-counting kernel against the naive reference: group assignment at every length 0..256 and boundary sizes with
/// null, absent and NaN patterns and odd bitmap offsets; the CSR tally at every item count 0..256, 32767, 32768 and about a
/// million entries, with absent and valueless items every k, null codes, duplicate codes, several row sets per item.
/// </summary>
public sealed class FactorCounterTests
{
    private static readonly double[] Cai = [25, 75];
    private static readonly double[] Five = [.. Enumerable.Range(1, 19).Select(i => i * 5.0)];
    private static readonly double[] Widest = [.. Enumerable.Range(1, FactorCounter.MaxEdges).Select(i => i * 3.0)];

    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        foreach (var n in Enumerable.Range(0, 257).Concat([255, 256, 32767, 32768, 1_000_003]).Distinct())
        {
            data.Add(n);
        }

        return data;
    }

    public static TheoryData<int> ItemCounts()
    {
        var data = new TheoryData<int>();
        foreach (var n in Enumerable.Range(0, 257).Concat([32767, 32768]).Distinct())
        {
            data.Add(n);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Groups_match_the_reference_at_every_length(int length)
    {
        var random = new Random(length);
        var values = Values(random, length);
        var large = length > 40_000; // the reference is slow: fewer combinations at a million
        foreach (var edges in large ? [Five] : new[] { Cai, Five, [50.0], [], Widest })
        {
            foreach (var (nullEvery, absentEvery) in large ? [(0, 0), (3, 5)] : new[] { (0, 0), (1, 0), (3, 5), (8, 2), (13, 13) })
            {
                var valid = Pattern(length, nullEvery);
                var present = Pattern(length, absentEvery);
                foreach (var offset in nullEvery == 0 && absentEvery == 0 ? [0] : large ? [5] : new[] { 0, 1, 5, 7 })
                {
                    var groups = new byte[length];
                    FactorCounter.AssignGroups(values, Bitmap(valid, offset), Bitmap(present, offset), offset, edges, groups);
                    for (var i = 0; i < length; i++)
                    {
                        var expected = ReferenceReasonCodes.Group(values[i], valid?[i] ?? true, present?[i] ?? true, edges);
                        if (groups[i] != expected)
                        {
                            Assert.Fail($"item {i} of {length} (value {values[i]}, edges {edges.Length}, offset {offset}): {groups[i]} instead of {expected}");
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void Values_on_edges_go_up_and_nan_and_infinities_are_handled()
    {
        double[] values = [24.999999999999996, 25, 74.99999999, 75, double.NegativeInfinity, double.PositiveInfinity, -5, 250, double.NaN, 0];
        var groups = new byte[values.Length];
        FactorCounter.AssignGroups(values, default, default, 0, Cai, groups);
        Assert.Equal(new byte[] { 0, 1, 1, 2, 0, 2, 0, 2, FactorCounter.NoValue, 0 }, groups);
    }

    [Fact]
    public void Bad_shapes_are_refused_naming_the_argument()
    {
        Assert.Equal("edges", Assert.Throws<ArgumentException>(() => FactorCounter.AssignGroups([1.0], default, default, 0, new double[32], new byte[1])).ParamName);
        Assert.Equal("groups", Assert.Throws<ArgumentException>(() => FactorCounter.AssignGroups(new double[9], default, default, 0, Cai, new byte[8])).ParamName);
        var rows = new[] { new FactorRows(new byte[2], new int[3], [], [], []) };
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => FactorCounter.Count(rows, 0, 3, 15, false, new FactorTally(3, 1))).ParamName);
        Assert.Equal("tally", Assert.Throws<ArgumentException>(() => new FactorTally(33, 1)).ParamName);
        Assert.Equal("selection", Assert.Throws<ArgumentException>(() => FactorCounter.Count(rows, 0, 1, 15, false, new FactorTally(3, 1), new ValueTally(1, 1, denseLimit: 0), new int[3])).ParamName);
        Assert.Equal("selection", Assert.Throws<ArgumentException>(() => FactorCounter.Count(rows, 0, 1, 15, false, new FactorTally(3, 1), new ValueTally(1, 1), new int[2])).ParamName);
        Assert.Equal("tally", Assert.Throws<ArgumentException>(() => new FactorTally(3, 2).Merge(new FactorTally(3, 3))).ParamName);
    }

    [Theory]
    [MemberData(nameof(ItemCounts))]
    public void Tallies_match_the_reference_at_every_item_count(int count)
    {
        var random = new Random(count + 1);
        foreach (var runs in count > 1000 ? [1, 3] : new[] { 1, 2 })
        {
            var input = Input.Create(random, count, runs, codes: 12, values: 9, groups: 3, nullEvery: count % 5 + 2);
            foreach (var (mask, nullCode) in new[] { (15, false), (15, true), (0b1010, false), (0b0001, true) })
            {
                input.AssertTally(mask, nullCode);
            }
        }
    }

    [Fact]
    public void Tallies_match_the_reference_over_a_million_entries()
    {
        var input = Input.Create(new Random(1_000_003), count: 0, runs: 1, codes: 40, values: 30, groups: 20, nullEvery: 7, totalEntries: 1_000_003);
        Assert.Equal(1_000_003, input.Rows[0].Offsets[^1]);
        input.AssertTally(15, false);
        input.AssertValues(15, denseLimit: ValueTally.DenseLimit);
    }

    [Fact]
    public void A_block_that_starts_inside_the_lists_reads_its_own_offsets()
    {
        var random = new Random(5);
        var input = Input.Create(random, 300, runs: 2, codes: 6, values: 4, groups: 3, nullEvery: 4);
        var expected = input.Reference(15, false, 100, 150);
        var rows = input.Rows.Select(r => r with { Groups = r.Groups[100..250] }).ToArray();
        var tally = new FactorTally(3, 7);
        FactorCounter.Count(rows, 100, 150, 15, false, tally);
        Input.AssertEqual(expected, tally);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(4097)]
    public void Value_tallies_match_the_reference_dense_and_sparse(int count)
    {
        var input = Input.Create(new Random(count + 7), count, runs: 2, codes: 10, values: 25, groups: 3, nullEvery: 6);
        foreach (var mask in new[] { 15, 0b1100 })
        {
            input.AssertValues(mask, denseLimit: ValueTally.DenseLimit);
            input.AssertValues(mask, denseLimit: 0);
        }
    }

    [Fact]
    public void Tallies_of_any_split_merge_to_the_whole()
    {
        var random = new Random(11);
        var input = Input.Create(random, 2000, runs: 2, codes: 9, values: 5, groups: 4, nullEvery: 5);
        var whole = new FactorTally(4, 10);
        FactorCounter.Count(input.Rows, 0, 2000, 15, true, whole);
        var selection = input.Selection(10);
        var wholeValues = new ValueTally(selection.Count(s => s >= 0), 6);
        FactorCounter.CountValues(input.Rows, 0, 2000, 15, 10, selection, wholeValues);
        for (var trial = 0; trial < 10; trial++)
        {
            var cut = random.Next(0, 2001);
            var left = new FactorTally(4, 10);
            var right = new FactorTally(4, 10);
            FactorCounter.Count(input.Slice(0, cut), 0, cut, 15, true, left);
            FactorCounter.Count(input.Slice(cut, 2000 - cut), cut, 2000 - cut, 15, true, right);
            right.Merge(left);
            Assert.Equal(whole.Keys, right.Keys);
            Assert.Equal((whole.Distinct, whole.NoValue), (right.Distinct, right.NoValue));
            Assert.Equal(whole.People, right.People);
            Assert.Equal(whole.WithEntries, right.WithEntries);

            foreach (var limit in new[] { ValueTally.DenseLimit, 0 })
            {
                var l = new ValueTally(wholeValues.Selections, 6, limit);
                var r = new ValueTally(wholeValues.Selections, 6, limit);
                FactorCounter.CountValues(input.Slice(0, cut), 0, cut, 15, 10, selection, l);
                FactorCounter.CountValues(input.Slice(cut, 2000 - cut), cut, 2000 - cut, 15, 10, selection, r);
                l.Merge(r);
                Assert.Equal(wholeValues.AllCells(), l.AllCells());
            }
        }
    }

    private static double[] Values(Random random, int length)
    {
        var values = new double[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (i % 11) switch
            {
                0 => Five[random.Next(Five.Length)],      // exactly on an edge
                1 => Math.BitDecrement(Five[random.Next(Five.Length)]),
                2 when i % 37 == 2 => double.NaN,
                3 => -random.NextDouble(),                 // below every edge
                4 when i % 23 == 4 => double.PositiveInfinity,
                _ => random.NextDouble() * 110,
            };
        }

        return values;
    }

    private static bool[]? Pattern(int length, int every) =>
        every == 0 ? null : [.. Enumerable.Range(0, length).Select(i => i % every != 0)];

    /// <summary>An Arrow bitmap holding <paramref name="bits"/> from bit <paramref name="offset"/> on, junk before.</summary>
    private static byte[] Bitmap(bool[]? bits, int offset)
    {
        if (bits is null)
        {
            return [];
        }

        var bitmap = new byte[((bits.Length + offset) / 8) + 2];
        for (var b = 0; b < offset; b++)
        {
            bitmap[0] |= (byte)(1 << b);
        }

        for (var i = 0; i < bits.Length; i++)
        {
            if (bits[i])
            {
                bitmap[(i + offset) >> 3] |= (byte)(1 << ((i + offset) & 7));
            }
        }

        return bitmap;
    }

    /// <summary>Random CSR row sets with the reference's view of them.</summary>
    private sealed class Input
    {
        private Input(FactorRows[] rows, List<ReferenceReasonCodes.KernelRow[]> items, int groups, int slots, int valueSlots)
        {
            Rows = rows;
            Items = items;
            Groups = groups;
            Slots = slots;
            ValueSlots = valueSlots;
        }

        public FactorRows[] Rows { get; }

        public List<ReferenceReasonCodes.KernelRow[]> Items { get; }

        public int Groups { get; }

        public int Slots { get; }

        public int ValueSlots { get; }

        /// <summary>
        /// <paramref name="count"/> items (or as many as <paramref name="totalEntries"/> entries take), each with a row per
        /// run: absent every <paramref name="nullEvery"/>-th, valueless every (<paramref name="nullEvery"/>+1)-th, 0–10
        /// entries with null codes, repeated codes, null values and the occasional unknown importance.
        /// </summary>
        public static Input Create(Random random, int count, int runs, int codes, int values, int groups, int nullEvery, int totalEntries = 0)
        {
            var lists = new List<(int, byte, int)[]>[runs];
            var groupLists = new List<byte>[runs];
            for (var r = 0; r < runs; r++)
            {
                lists[r] = [];
                groupLists[r] = [];
            }

            var entries = 0;
            for (var i = 0; totalEntries > 0 ? entries < totalEntries : i < count; i++)
            {
                for (var r = 0; r < runs; r++)
                {
                    var k = i + (r * 3);
                    var group = k % nullEvery == 0 ? FactorCounter.NoRow
                        : k % (nullEvery + 1) == 0 ? FactorCounter.NoValue
                        : (byte)random.Next(groups);
                    var n = random.Next(0, 11);
                    if (totalEntries > 0)
                    {
                        n = r == 0 ? Math.Min(n, totalEntries - entries) : 0;
                    }

                    entries += n;
                    var list = new (int, byte, int)[n];
                    for (var e = 0; e < n; e++)
                    {
                        var code = e > 0 && random.Next(6) == 0 ? list[e - 1].Item1 // a duplicate
                            : random.Next(9) == 0 ? -1
                            : random.Next(codes);
                        var importance = (byte)(random.Next(40) == 0 ? 7 : random.Next(4));
                        var value = random.Next(7) == 0 ? -1 : random.Next(values);
                        list[e] = (code, importance, value);
                    }

                    lists[r].Add(list);
                    groupLists[r].Add(group);
                }
            }

            var items = lists[0].Count;
            var rows = new FactorRows[runs];
            for (var r = 0; r < runs; r++)
            {
                var offsets = new int[items + 1];
                var flat = lists[r].SelectMany(l => l).ToArray();
                for (var i = 0; i < items; i++)
                {
                    offsets[i + 1] = offsets[i] + lists[r][i].Length;
                }

                rows[r] = new FactorRows(
                    [.. groupLists[r]],
                    offsets,
                    [.. flat.Select(f => f.Item1)],
                    [.. flat.Select(f => f.Item2)],
                    [.. flat.Select(f => f.Item3)]);
            }

            var view = Enumerable.Range(0, items)
                .Select(i => Enumerable.Range(0, runs).Select(r => new ReferenceReasonCodes.KernelRow(groupLists[r][i], lists[r][i])).ToArray())
                .ToList();
            return new Input(rows, view, groups, codes + 1, values + 1);
        }

        public ReferenceReasonCodes.KernelCounts Reference(int mask, bool nullCode, int from, int count, int[]? selection = null) =>
            ReferenceReasonCodes.Count(Items.GetRange(from, count), mask, nullCode, selection is null ? null : (g, s) => selection[(g * Slots) + s]);

        /// <summary>The row sets of items <c>[from, from + count)</c>: groups re-based, offsets and entries shared.</summary>
        public FactorRows[] Slice(int from, int count) => [.. Rows.Select(r => r with { Groups = r.Groups[from..(from + count)] })];

        /// <summary>Every other (group, slot) cell selected, in order.</summary>
        public int[] Selection(int slots)
        {
            var selection = new int[Groups * slots];
            var next = 0;
            for (var c = 0; c < selection.Length; c++)
            {
                selection[c] = c % 2 == 0 ? next++ : -1;
            }

            return selection;
        }

        public void AssertTally(int mask, bool nullCode)
        {
            var tally = new FactorTally(Groups, Slots);
            FactorCounter.Count(Rows, 0, Items.Count, mask, nullCode, tally);
            var expected = Reference(mask, nullCode, 0, Items.Count, Selection(Slots));
            AssertEqual(expected, tally);

            // Values in the same walk: the code filter applies first, then the selection.
            var fused = new FactorTally(Groups, Slots);
            var selection = Selection(Slots);
            var values = new ValueTally(selection.Count(s => s >= 0), ValueSlots, denseLimit: int.MaxValue);
            FactorCounter.Count(Rows, 0, Items.Count, mask, nullCode, fused, values, selection);
            AssertEqual(expected, fused);
            Assert.Equal(expected.Values.OrderBy(v => v.Key).Select(v => (v.Key.Selection, v.Key.ValueSlot, v.Value)), values.AllCells());
        }

        public void AssertValues(int mask, int denseLimit)
        {
            var selection = Selection(Slots);
            var tally = new ValueTally(selection.Count(s => s >= 0), ValueSlots, denseLimit);
            Assert.Equal(denseLimit > 0, tally.Dense is not null);
            FactorCounter.CountValues(Rows, 0, Items.Count, mask, Slots, selection, tally);
            var expected = Reference(mask, nullCode: true, 0, Items.Count, selection).Values // the selection decides about slot 0
                .OrderBy(v => v.Key)
                .Select(v => (v.Key.Selection, v.Key.ValueSlot, v.Value))
                .ToList();
            Assert.Equal(expected, tally.AllCells());
        }

        public static void AssertEqual(ReferenceReasonCodes.KernelCounts expected, FactorTally tally)
        {
            for (var g = 0; g < tally.Groups; g++)
            {
                Assert.Equal(expected.GroupPeople.GetValueOrDefault(g), tally.People[g]);
                Assert.Equal(expected.GroupWithEntries.GetValueOrDefault(g), tally.WithEntries[g]);
                for (var s = 0; s < tally.Slots; s++)
                {
                    Assert.Equal(expected.People.GetValueOrDefault((g, s)), tally.ItemsOf(g, s));
                    for (var imp = 0; imp < 4; imp++)
                    {
                        Assert.Equal(expected.ByImportance.GetValueOrDefault((g, s, imp)), tally.ItemsOf(g, s, imp));
                    }
                }
            }

            Assert.Equal(expected.Distinct, tally.Distinct);
            Assert.Equal(expected.NoValue, tally.NoValue);
        }
    }
}
