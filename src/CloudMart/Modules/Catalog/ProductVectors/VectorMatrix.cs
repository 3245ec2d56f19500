using System.Numerics.Tensors;

namespace CloudMart.Modules.Catalog.ProductVectors;

/// <summary>
/// Unit-length vectors in one contiguous float array, searched by brute force: a dot product per row with SIMD
/// (TensorPrimitives), then a partial selection of the best k. At catalog sizes (10⁵ rows of 384 floats, 150 MB)
/// this answers in milliseconds with no approximation and no index to tune, and a write is an O(1) row copy.
/// Readers share a lock; writers take it alone.
/// </summary>
internal sealed class VectorMatrix(int dimensions) : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<Guid, int> _rows = [];
    private float[] _values = new float[dimensions * 64];
    private Guid[] _ids = new Guid[64];

    public int Dimensions => dimensions;

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _rows.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Bytes held by the matrix and its id columns (for the benchmark's memory figure).</summary>
    public long AllocatedBytes => ((long)_values.Length * sizeof(float)) + ((long)_ids.Length * 16);

    public void Upsert(Guid id, ReadOnlySpan<float> vector)
    {
        if (vector.Length != dimensions)
        {
            throw new ArgumentException($"Expected {dimensions} dimensions, got {vector.Length}.", nameof(vector));
        }
        _lock.EnterWriteLock();
        try
        {
            if (!_rows.TryGetValue(id, out var row))
            {
                row = _rows.Count;
                if (row == _ids.Length)
                {
                    Array.Resize(ref _ids, _ids.Length * 2);
                    Array.Resize(ref _values, _ids.Length * dimensions);
                }
                _rows[id] = row;
                _ids[row] = id;
            }
            vector.CopyTo(_values.AsSpan(row * dimensions, dimensions));
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Removes a row by moving the last row into its place, so the matrix stays dense.</summary>
    public bool Remove(Guid id)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_rows.Remove(id, out var row))
            {
                return false;
            }
            var last = _rows.Count;
            if (row != last)
            {
                var moved = _ids[last];
                _values.AsSpan(last * dimensions, dimensions).CopyTo(_values.AsSpan(row * dimensions, dimensions));
                _ids[row] = moved;
                _rows[moved] = row;
            }
            _ids[last] = Guid.Empty;
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>A copy of the row's vector, or null when the id is not held.</summary>
    public float[]? VectorOf(Guid id)
    {
        _lock.EnterReadLock();
        try
        {
            return _rows.TryGetValue(id, out var row) ? _values.AsSpan(row * dimensions, dimensions).ToArray() : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The k rows with the highest dot product with <paramref name="query"/> (cosine, as rows are unit length), best first.</summary>
    public IReadOnlyList<(Guid Id, float Score)> Nearest(ReadOnlySpan<float> query, int k, float minScore = float.MinValue, IReadOnlySet<Guid>? exclude = null)
    {
        if (query.Length != dimensions)
        {
            throw new ArgumentException($"Expected {dimensions} dimensions, got {query.Length}.", nameof(query));
        }
        if (k <= 0)
        {
            return [];
        }
        _lock.EnterReadLock();
        try
        {
            var count = _rows.Count;
            // A min-heap of the best k seen so far: its root is the score a newcomer must beat.
            var best = new PriorityQueue<int, float>(Math.Min(k, count) + 1);
            var threshold = minScore;
            for (var row = 0; row < count; row++)
            {
                var score = TensorPrimitives.Dot(query, _values.AsSpan(row * dimensions, dimensions));
                if (score < threshold || (exclude is not null && exclude.Contains(_ids[row])))
                {
                    continue;
                }
                best.Enqueue(row, score);
                if (best.Count > k)
                {
                    best.Dequeue();
                    best.TryPeek(out _, out threshold);
                }
            }
            var result = new (Guid Id, float Score)[best.Count];
            for (var i = result.Length - 1; i >= 0; i--)
            {
                best.TryDequeue(out var row, out var score);
                result[i] = (_ids[row], score);
            }
            return result;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
