# GET /admin/items: the first 20 items by id, each with its category's name.
#
# Incident ADM-31: the admin item list takes 4 seconds in production, although it shows only 20 rows; the
# database's slow log is full of "SELECT categories.* FROM categories WHERE categories.id = ? LIMIT ?".
# Make the listing load its data in a fixed number of queries, however many items it shows.
#
# (In a Rails app this method would be the controller action; here it returns what the view renders.
# Item and Category behave like the ActiveRecord models of the lesson.)
def category_listing
  Item.order(:id).limit(20).map do |item|
    { "name" => item.name, "category" => item.category.name }
  end
end
