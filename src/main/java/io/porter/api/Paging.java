package io.porter.api;

/** The page a client asked for: 1-based, at most {@link #MAX_PER_PAGE} items. */
public record Paging(int page, int perPage) {

    public static final int MAX_PER_PAGE = 100;
    public static final int DEFAULT_PER_PAGE = 50;

    public static Paging of(Integer page, Integer perPage) {
        int p = page == null ? 1 : page;
        int pp = perPage == null ? DEFAULT_PER_PAGE : perPage;
        if (p < 1) {
            throw ApiException.badRequest("page: '" + p + "' is not a page number; pages start at 1");
        }
        if (pp < 1 || pp > MAX_PER_PAGE) {
            throw ApiException.badRequest("per_page: '" + pp + "' is out of range; ask for 1 to " + MAX_PER_PAGE
                    + " items per page");
        }
        return new Paging(p, pp);
    }

    public long offset() {
        return (long) (page - 1) * perPage;
    }

    public <T> Page<T> page(java.util.List<T> data, long total) {
        return new Page<>(data, page, perPage, total);
    }
}
