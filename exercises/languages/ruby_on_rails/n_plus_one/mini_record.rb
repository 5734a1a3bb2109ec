# A few dozen lines that behave like the part of ActiveRecord this exercise needs, so the check runs on
# plain Ruby: Item.order(...).limit(...), .includes(:category), .each / .map, item.category (a lazy load
# unless preloaded), Category.where(id: [...]) and Category.all. Every "SQL statement" is logged, which is
# how the check counts queries, the way a Rails test would count them with ActiveSupport::Notifications.
module MiniRecord
  class << self
    attr_accessor :items, :categories

    def queries
      @queries ||= []
    end

    def log(sql)
      queries << sql
    end
  end
end

Category = Struct.new(:id, :name)

class Category
  def self.where(id:)
    ids = Array(id).uniq
    MiniRecord.log("SELECT categories.* FROM categories WHERE categories.id IN (#{ids.map { '?' }.join(', ')})")
    MiniRecord.categories.values_at(*ids).compact
  end

  def self.all
    MiniRecord.log("SELECT categories.* FROM categories")
    MiniRecord.categories.values
  end
end

class Item
  attr_reader :id, :name, :category_id

  def initialize(id, name, category_id)
    @id, @name, @category_id = id, name, category_id
  end

  # belongs_to :category: one query the first time it is read, unless it was preloaded.
  def category
    return @category if defined?(@category)

    MiniRecord.log("SELECT categories.* FROM categories WHERE categories.id = ? LIMIT ?")
    @category = MiniRecord.categories.fetch(category_id)
  end

  def preload_category(category)
    @category = category
  end

  class << self
    def all = Relation.new
    def order(column) = all.order(column)
    def limit(count) = all.limit(count)
    def includes(*associations) = all.includes(*associations)
  end
end

class Relation
  include Enumerable

  def initialize(order: :id, limit: nil, includes: [])
    @order, @limit, @includes = order, limit, includes
  end

  def order(column) = Relation.new(order: column, limit: @limit, includes: @includes)
  def limit(count) = Relation.new(order: @order, limit: count, includes: @includes)
  def includes(*associations) = Relation.new(order: @order, limit: @limit, includes: @includes + associations)
  alias preload includes

  def each(&block)
    load.each(&block)
  end

  def to_a = load

  private

  def load
    return @records if @records

    MiniRecord.log("SELECT items.* FROM items ORDER BY items.#{@order}#{' LIMIT ?' if @limit}")
    rows = MiniRecord.items.sort_by { |item| item.public_send(@order) }
    rows = rows.first(@limit) if @limit
    # Fresh objects per load, as ActiveRecord instantiates new records for every query.
    @records = rows.map { |row| Item.new(row.id, row.name, row.category_id) }
    preload_categories if @includes.include?(:category) && !@records.empty?
    @records
  end

  def preload_categories
    by_id = Category.where(id: @records.map(&:category_id)).to_h { |category| [category.id, category] }
    @records.each { |record| record.preload_category(by_id.fetch(record.category_id)) }
  end
end
