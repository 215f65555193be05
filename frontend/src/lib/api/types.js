/** pageOf gives a list response as a Page with its element type. */
export function pageOf(list) {
    const items = Array.isArray(list.items) ? list.items : [];
    return { items, total: list.total ?? items.length };
}
