# GET /admin/items: the first 20 items by id, each with its category's name.
#
# Fixed: `includes(:category)` loads the 20 items in one query and all their categories in a second one
# (WHERE id IN (...)), then hands each item its category: two queries for 20 rows or for 2,000. In a
# Rails app, `strict_loading` on the relation (or config.active_record.strict_loading_by_default) would
# have raised on the lazy `item.category` instead of quietly running a query per row.
def category_listing
  Item.order(:id).limit(20).includes(:category).map do |item|
    { "name" => item.name, "category" => item.category.name }
  end
end
