namespace AgentProvision.Infrastructure.Memory.Vectors;

/// <summary>Which graph nodes a search has seen, cleared in O(1) by moving to the next generation.</summary>
internal sealed class VisitedMarks
{
    private int[] _marks = [];
    private int _generation;

    public void Reset(int nodes)
    {
        if (_marks.Length < nodes)
        {
            _marks = new int[Math.Max(nodes, _marks.Length * 2)];
            _generation = 0;
        }

        if (++_generation == int.MaxValue)
        {
            Array.Clear(_marks);
            _generation = 1;
        }
    }

    public bool TryMark(int node)
    {
        if (_marks[node] == _generation)
            return false;
        _marks[node] = _generation;
        return true;
    }
}
